using System.Collections.Immutable;

namespace ContainerCd.Runtime.Docker.Args;

/// <summary>
/// The <c>docker run</c> options a Jenkinsfile's <c>args</c> asked for, parsed and validated. Options that
/// only make sense for an interactive <c>docker run</c> (<c>-t</c>, <c>-i</c>, <c>-d</c>, <c>--rm</c>) are
/// accepted and ignored, as Jenkins' own <c>docker run -t -d</c> already implies them.
/// </summary>
internal sealed record DockerRunOptions
{
    public static readonly DockerRunOptions Empty = new();

    public ImmutableArray<string> Binds { get; init; } = [];

    public ImmutableArray<string> Volumes { get; init; } = [];

    public ImmutableArray<MountOption> Mounts { get; init; } = [];

    public ImmutableArray<string> Environment { get; init; } = [];

    public ImmutableArray<string> Labels { get; init; } = [];

    public ImmutableArray<string> ExtraHosts { get; init; } = [];

    public ImmutableArray<string> CapAdd { get; init; } = [];

    public ImmutableArray<string> CapDrop { get; init; } = [];

    public ImmutableArray<string> Devices { get; init; } = [];

    public ImmutableArray<string> Dns { get; init; } = [];

    public ImmutableArray<string> DnsSearch { get; init; } = [];

    public ImmutableArray<string> GroupAdd { get; init; } = [];

    public ImmutableArray<string> SecurityOpt { get; init; } = [];

    public ImmutableArray<string> Tmpfs { get; init; } = [];

    public ImmutableArray<string> Ulimits { get; init; } = [];

    public ImmutableArray<string> Sysctls { get; init; } = [];

    public string? User { get; init; }

    public string? WorkingDir { get; init; }

    public string? Network { get; init; }

    public ImmutableArray<string> NetworkAliases { get; init; } = [];

    /// <summary><c>--link NAME[:ALIAS]</c>: legacy links to containers on the default bridge (Jenkins' sidecar pattern).</summary>
    public ImmutableArray<string> Links { get; init; } = [];

    public string? Hostname { get; init; }

    public string? Entrypoint { get; init; }

    public bool EntrypointSet { get; init; }

    public bool Privileged { get; init; }

    public bool? Init { get; init; }

    public long? MemoryBytes { get; init; }

    public long? MemorySwapBytes { get; init; }

    public long? MemoryReservationBytes { get; init; }

    public long? ShmSizeBytes { get; init; }

    public long? NanoCpus { get; init; }

    public long? CpuShares { get; init; }

    public string? CpusetCpus { get; init; }

    public long? PidsLimit { get; init; }

    public string? Pid { get; init; }

    public string? Ipc { get; init; }

    public string? Runtime { get; init; }

    public string? Platform { get; init; }

    public string? Name { get; init; }
}

/// <summary><c>--mount type=bind,source=/a,target=/b,readonly</c>.</summary>
internal sealed record MountOption(string Type, string? Source, string Target, bool ReadOnly);
