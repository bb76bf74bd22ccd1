using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using ContainerCd.Server.Nodes;

namespace ContainerCd.Server.Api;

/// <summary>
/// The nodes in Jenkins' shapes: <c>hudson.model.ComputerSet</c> (<c>/computer/api/json</c>) and each node's
/// <c>hudson.model.Computer</c>: <c>Hudson$MasterComputer</c> for the built-in node, <c>hudson.slaves.SlaveComputer</c> for
/// an engine. As Jenkins at <c>depth=0</c>, an executor is only its <c>_class</c>; from <c>depth=1</c> (or with
/// <c>tree=</c>) it says what it runs. <c>monitorData</c> holds only what was measured: an engine's answer time to its
/// pings (ResponseTimeMonitor), this machine's free disk space and architecture.
/// </summary>
internal static class JenkinsComputerViews
{
    public static JsonObject Set(IReadOnlyList<NodeView> nodes, int depth, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        return new JsonObject
        {
            ["_class"] = "hudson.model.ComputerSet",
            ["busyExecutors"] = nodes.Sum(n => n.Busy),
            ["computer"] = new JsonArray([.. nodes.Select(n => Computer(n, depth, now))]),
            ["displayName"] = "Nodes",
            ["totalExecutors"] = nodes.Where(n => n.Online).Sum(n => n.Executors.Length),
        };
    }

    public static JsonObject Computer(NodeView node, int depth, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(node);
        var icon = node.Online ? "symbol-computer" : "symbol-computer-offline";
        return new JsonObject
        {
            ["_class"] = node.BuiltIn ? "hudson.model.Hudson$MasterComputer" : "hudson.slaves.SlaveComputer",
            ["actions"] = new JsonArray(),
            ["assignedLabels"] = new JsonArray([.. node.Labels.Select(label => new JsonObject { ["name"] = label })]),
            ["description"] = node.Description,
            ["displayName"] = node.DisplayName,
            ["executors"] = new JsonArray([.. node.Executors.Select(e => depth >= 1 ? Executor(e, now) : new JsonObject { ["_class"] = "hudson.model.Executor" })]),
            ["icon"] = icon,
            ["iconClassName"] = icon,
            ["idle"] = node.Busy == 0,
            ["jnlpAgent"] = false,
            ["launchSupported"] = true,
            ["manualLaunchAllowed"] = node.BuiltIn,
            ["monitorData"] = MonitorData(node),
            ["numExecutors"] = node.Executors.Length,
            ["offline"] = !node.Online,
            ["offlineCause"] = node.Online ? null : new JsonObject
            {
                ["_class"] = "hudson.slaves.OfflineCause$ChannelTermination",
                ["timestamp"] = node.OfflineSince?.ToUnixTimeMilliseconds(),
            },
            ["offlineCauseReason"] = node.OfflineReason ?? "",
            ["oneOffExecutors"] = new JsonArray(),
            ["temporarilyOffline"] = false,
        };
    }

    /// <summary>Jenkins' Executor: its number, its build (null when idle), and how far along that build is by the job's estimate (-1: unknown).</summary>
    private static JsonObject Executor(ExecutorView executor, DateTimeOffset now)
    {
        var work = executor.Work;
        var elapsed = work is null ? 0 : (long)Math.Max(0, (now - work.Since).TotalMilliseconds);
        return new JsonObject
        {
            ["_class"] = "hudson.model.Executor",
            ["currentExecutable"] = work is null ? null : new JsonObject
            {
                ["_class"] = "org.jenkinsci.plugins.workflow.job.WorkflowRun",
                ["fullDisplayName"] = $"{work.Job} #{work.Number}",
                ["number"] = work.Number,
                ["timestamp"] = work.Since.ToUnixTimeMilliseconds(),
                ["url"] = $"{JenkinsJobPaths.Url(work.Job)}{work.Number}/",
            },
            ["idle"] = work is null,
            ["likelyStuck"] = work is not null && (executor.EstimatedMillis is { } estimate ? elapsed > 10 * Math.Max(estimate, 1) : elapsed > TimeSpan.FromHours(24).TotalMilliseconds),
            ["number"] = executor.Number,
            ["progress"] = work is null || executor.EstimatedMillis is not { } total ? -1 : (int)Math.Min(99, elapsed * 100 / Math.Max(total, 1)),
        };
    }

    private static JsonObject MonitorData(NodeView node)
    {
        var data = new JsonObject();
        if (node.BuiltIn)
        {
            data["hudson.node_monitors.ArchitectureMonitor"] = $"{(OperatingSystem.IsLinux() ? "Linux" : RuntimeInformation.OSDescription)} ({Architecture()})";
            data["hudson.node_monitors.DiskSpaceMonitor"] = Disk(node.HomeDisk);
            data["hudson.node_monitors.TemporarySpaceMonitor"] = Disk(node.TempDisk);
        }

        if (node.Health is { CheckedAt: { } at, AverageAnswer: { } average })
        {
            data["hudson.node_monitors.ResponseTimeMonitor"] = new JsonObject
            {
                ["_class"] = "hudson.node_monitors.ResponseTimeMonitor$Data",
                ["timestamp"] = at.ToUnixTimeMilliseconds(),
                ["average"] = (long)Math.Round(average.TotalMilliseconds),
            };
        }

        return data;
    }

    /// <summary>Jenkins' DiskSpace: the free bytes where builds write; null when it could not be measured.</summary>
    private static JsonObject? Disk(DiskSpace? disk) => disk is null ? null : new JsonObject
    {
        ["_class"] = "hudson.node_monitors.DiskSpaceMonitorDescriptor$DiskSpace",
        ["timestamp"] = disk.At.ToUnixTimeMilliseconds(),
        ["path"] = disk.Path,
        ["size"] = disk.Size,
    };

    /// <summary>Java's os.arch names, which Jenkins shows.</summary>
    private static string Architecture() => RuntimeInformation.OSArchitecture switch
    {
        System.Runtime.InteropServices.Architecture.X64 => "amd64",
        System.Runtime.InteropServices.Architecture.Arm64 => "aarch64",
        System.Runtime.InteropServices.Architecture.X86 => "x86",
        var other => other.ToString(),
    };
}
