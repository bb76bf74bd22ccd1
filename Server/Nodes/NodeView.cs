using System.Collections.Immutable;
using ContainerCd.Runtime.Docker.Nodes;

namespace ContainerCd.Server.Nodes;

/// <summary>
/// One build node as it is now: the built-in node (this machine, <see cref="UrlName"/> <c>(built-in)</c>, as Jenkins
/// addresses it) or a remote engine of the config's <c>engines:</c>; its labels, whether it takes work (and why not),
/// its executors, and what was measured of it (<see cref="Health"/> for an engine, <see cref="HomeDisk"/> and <see cref="TempDisk"/> for this machine).
/// </summary>
internal sealed record NodeView(string UrlName, string DisplayName, bool BuiltIn, string Description, ImmutableArray<string> Labels, ImmutableArray<ExecutorView> Executors)
{
    public const string BuiltInName = "(built-in)";

    public bool Online { get; init; } = true;

    /// <summary>Why it is offline ("Cannot contact NAME: ..."), null while online.</summary>
    public string? OfflineReason { get; init; }

    public DateTimeOffset? OfflineSince { get; init; }

    /// <summary>The pings' measures (an engine's), null for this machine.</summary>
    public NodeHealthReport? Health { get; init; }

    /// <summary>Free space where builds write on this machine (the home folder), null elsewhere or when it cannot be read.</summary>
    public DiskSpace? HomeDisk { get; init; }

    /// <summary>Free space in this machine's temporary folder, null elsewhere or when it cannot be read.</summary>
    public DiskSpace? TempDisk { get; init; }

    public int Busy => Executors.Count(e => e.Work is not null);
}
