using System.Collections.Immutable;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Nodes;
using ContainerCd.Server.Builds;
using ContainerCd.Server.Storage;

namespace ContainerCd.Server.Nodes;

/// <summary>
/// The server's build nodes as they are now, for the Nodes page and <c>/computer/api/json</c>: the built-in node, whose
/// executors are the build queue's (<c>--executors</c>), then each remote engine of the config in its order, with the
/// state its last check or step left (<see cref="NodeMonitor"/> keeps that recent).
/// </summary>
internal sealed class BuildNodes(BuildQueue queue, RemoteNodes remote, BuildStore store, BuildPaths paths, TimeProvider time)
{
    private const int EstimateBuilds = 3;

    public IReadOnlyList<NodeView> List()
    {
        var estimates = new Dictionary<string, long?>(StringComparer.Ordinal);
        return [BuiltIn(estimates), .. remote.Nodes.Select(node => Remote(node, estimates))];
    }

    /// <summary>A node by the name in its address: <c>(built-in)</c> (or Jenkins' former <c>(master)</c>) or an engine's name; null when there is none.</summary>
    public NodeView? Find(string urlName)
    {
        var estimates = new Dictionary<string, long?>(StringComparer.Ordinal);
        if (urlName is NodeView.BuiltInName or "(master)")
        {
            return BuiltIn(estimates);
        }

        return remote.Nodes.FirstOrDefault(n => n.Name == urlName) is { } node ? Remote(node, estimates) : null;
    }

    private NodeView BuiltIn(Dictionary<string, long?> estimates)
    {
        var now = time.GetUtcNow();
        return new NodeView(NodeView.BuiltInName, "Built-In Node", true, "the ContainerCd server's built-in node (this machine)", ["built-in"], Executors(queue.Slots, estimates))
        {
            HomeDisk = FreeSpace(paths.Home, now),
            TempDisk = FreeSpace(Path.GetTempPath(), now),
        };
    }

    private NodeView Remote(RemoteNode node, Dictionary<string, long?> estimates) =>
        new(node.Name, node.Name, false, node.Definition.Docker, [.. node.Definition.Labels.Append(node.Name).Distinct(StringComparer.Ordinal)], Executors(node.Slots, estimates))
        {
            Online = node.Online,
            OfflineReason = node.Online ? null : node.OfflineReason,
            OfflineSince = node.Online ? null : node.OfflineSince,
            Health = node.Health.Report,
        };

    private ImmutableArray<ExecutorView> Executors(ExecutorSlots slots, Dictionary<string, long?> estimates) =>
        [.. slots.Snapshot().Select((work, number) => new ExecutorView(number, work, work is null ? null : Estimate(work.Job, estimates)))];

    /// <summary>Jenkins' estimated duration: the average of the job's last three successful builds.</summary>
    private long? Estimate(string job, Dictionary<string, long?> estimates)
    {
        if (!estimates.TryGetValue(job, out var estimate))
        {
            var durations = store.ListBuilds(job, 50)
                .Where(b => !b.Building && b.Result == "SUCCESS" && b.DurationMillis is not null)
                .Take(EstimateBuilds)
                .Select(b => b.DurationMillis!.Value)
                .ToList();
            estimate = durations.Count == 0 ? null : (long)durations.Average();
            estimates[job] = estimate;
        }

        return estimate;
    }

    private static DiskSpace? FreeSpace(string path, DateTimeOffset now)
    {
        try
        {
            return new DiskSpace(path, new DriveInfo(path).AvailableFreeSpace, now);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }
}
