using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Nodes;
using ContainerCd.Server.Api;
using ContainerCd.Server.Nodes;

namespace ContainerCd.Server.Tests;

/// <summary>The nodes in Jenkins' ComputerSet and Computer shapes, from node states made by hand.</summary>
public sealed class JenkinsComputerViewsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 6, 0, 0, TimeSpan.Zero);

    private static readonly NodeView BuiltIn = new(NodeView.BuiltInName, "Built-In Node", true, "this machine", ["built-in"],
        [new ExecutorView(0, new ExecutorWork("app", 7, Now.AddSeconds(-30)), 120_000), new ExecutorView(1, null, null)])
    {
        HomeDisk = new DiskSpace("/srv/home", 5_000_000, Now),
    };

    private static readonly NodeView Lost = new("remote-1", "remote-1", false, "tcp://127.0.0.1:2376", ["remote", "remote-1"],
        [new ExecutorView(0, null, null), new ExecutorView(1, null, null)])
    {
        Online = false,
        OfflineReason = "Cannot contact remote-1: the Docker engine at tcp://127.0.0.1:2376 does not answer (Connection refused)",
        OfflineSince = Now.AddMinutes(-1),
        Health = new NodeHealthReport(Now.AddSeconds(-5), TimeSpan.FromMilliseconds(3), TimeSpan.FromMilliseconds(4.4)),
    };

    [Fact]
    public void Set_BuiltInBusyAndEngineOffline_CountsOnlineExecutorsAndTheBusyOnes()
    {
        var set = JenkinsComputerViews.Set([BuiltIn, Lost], 0, Now);

        Assert.Equal("hudson.model.ComputerSet", (string?)set["_class"]);
        Assert.Equal("Nodes", (string?)set["displayName"]);
        Assert.Equal(1, (int?)set["busyExecutors"]);
        Assert.Equal(2, (int?)set["totalExecutors"]);
        Assert.Equal(["hudson.model.Hudson$MasterComputer", "hudson.slaves.SlaveComputer"], set["computer"]!.AsArray().Select(c => (string?)c!["_class"]));
    }

    [Fact]
    public void Computer_BuiltInAtDepth1_SaysWhichBuildEachExecutorRunsAndHowFarItIs()
    {
        var computer = JenkinsComputerViews.Computer(BuiltIn, 1, Now);

        Assert.Equal("Built-In Node", (string?)computer["displayName"]);
        Assert.Equal(["built-in"], computer["assignedLabels"]!.AsArray().Select(l => (string?)l!["name"]));
        Assert.Equal((false, false, 2, "", false), ((bool?)computer["idle"], (bool?)computer["offline"], (int?)computer["numExecutors"], (string?)computer["offlineCauseReason"], (bool?)computer["jnlpAgent"]));
        Assert.Null(computer["offlineCause"]);
        var busy = computer["executors"]![0]!;
        Assert.Equal((false, 0, 25, false), ((bool?)busy["idle"], (int?)busy["number"], (int?)busy["progress"], (bool?)busy["likelyStuck"]));
        var run = busy["currentExecutable"]!;
        Assert.Equal(("org.jenkinsci.plugins.workflow.job.WorkflowRun", "/job/app/7/", 7, "app #7"), ((string?)run["_class"], (string?)run["url"], (int?)run["number"], (string?)run["fullDisplayName"]));
        var idle = computer["executors"]![1]!;
        Assert.Equal((true, 1, -1), ((bool?)idle["idle"], (int?)idle["number"], (int?)idle["progress"]));
        Assert.Null(idle["currentExecutable"]);
        var disk = computer["monitorData"]!["hudson.node_monitors.DiskSpaceMonitor"]!;
        Assert.Equal(("/srv/home", 5_000_000L, Now.ToUnixTimeMilliseconds()), ((string?)disk["path"], (long?)disk["size"], (long?)disk["timestamp"]));
        Assert.Null(computer["monitorData"]!["hudson.node_monitors.ResponseTimeMonitor"]);
    }

    [Fact]
    public void Computer_AtDepth0_ShowsExecutorsAsTheirClassOnly()
    {
        var computer = JenkinsComputerViews.Computer(BuiltIn, 0, Now);

        Assert.Equal("""[{"_class":"hudson.model.Executor"},{"_class":"hudson.model.Executor"}]""", computer["executors"]!.ToJsonString());
    }

    [Fact]
    public void Computer_OfflineEngine_GivesTheReasonItsEndpointAndItsAnswerTime()
    {
        var computer = JenkinsComputerViews.Computer(Lost, 1, Now);

        Assert.Equal(("remote-1", "tcp://127.0.0.1:2376", true, false, true), ((string?)computer["displayName"], (string?)computer["description"], (bool?)computer["offline"], (bool?)computer["temporarilyOffline"], (bool?)computer["idle"]));
        Assert.Equal(Lost.OfflineReason, (string?)computer["offlineCauseReason"]);
        Assert.Equal(("hudson.slaves.OfflineCause$ChannelTermination", Now.AddMinutes(-1).ToUnixTimeMilliseconds()), ((string?)computer["offlineCause"]!["_class"], (long?)computer["offlineCause"]!["timestamp"]));
        Assert.Equal(["remote", "remote-1"], computer["assignedLabels"]!.AsArray().Select(l => (string?)l!["name"]));
        var response = computer["monitorData"]!["hudson.node_monitors.ResponseTimeMonitor"]!;
        Assert.Equal(("hudson.node_monitors.ResponseTimeMonitor$Data", 4L, Now.AddSeconds(-5).ToUnixTimeMilliseconds()), ((string?)response["_class"], (long?)response["average"], (long?)response["timestamp"]));
        Assert.Null(computer["monitorData"]!["hudson.node_monitors.DiskSpaceMonitor"]);
    }

    [Fact]
    public void Computer_BuildRunningTenTimesItsEstimate_IsLikelyStuckAt99Percent()
    {
        var node = BuiltIn with { Executors = [new ExecutorView(0, new ExecutorWork("app", 8, Now.AddMinutes(-11)), 60_000)] };

        var executor = JenkinsComputerViews.Computer(node, 1, Now)["executors"]![0]!;

        Assert.Equal((99, true), ((int?)executor["progress"], (bool?)executor["likelyStuck"]));
    }
}
