using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Nodes;
using ContainerCd.Runtime.Docker.Ownership;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests.Nodes;

/// <summary>Agents on a second, real Docker engine (TLS on 127.0.0.1) that cannot see this machine's workspace folder.</summary>
[Collection(DockerTests.Name)]
public sealed class RemoteNodeAgentTests(DockerFixture docker) : IDisposable
{
    private readonly AgentScope _scope = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private AgentRequest Request() => _scope.Request(null) with { Spec = new RemoteNodeAgentSpec(null) { Label = "remote" } };

    [Fact]
    public async Task StartAsync_OnTheNode_RunsThereWithTheWorkspaceGoingBothWaysAndLeavesNothing()
    {
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        await using var engine = await SecondEngine.StartAsync([_scope.Workspace], Token);
        await using var nodes = RemoteNodes.Create(NodeConfig.For(engine), docker.Engine);
        var provider = new RemoteNodeAgentProvider(nodes);
        File.WriteAllText(Path.Combine(_scope.Workspace, "in.txt"), "from the server\n");
        Directory.CreateDirectory(Path.Combine(_scope.Workspace, "gone"));
        File.WriteAllText(Path.Combine(_scope.Workspace, "gone", "old.txt"), "old");
        var log = new CollectingOutput();

        var agent = await provider.StartAsync(Request(), log, Token);
        var output = new CollectingOutput();
        var result = await agent.ExecuteAsync(_scope.Sh("cat in.txt > out.txt; hostname > host.txt; rm -r gone; mkdir -p sub && echo deep > sub/deep.txt"), output, Token);
        var mirrored = (IMirroredWorkspace)agent;
        await mirrored.LevelAsync(output, Token);
        File.WriteAllText(Path.Combine(_scope.Workspace, "second.txt"), "written on the server");
        File.Delete(Path.Combine(_scope.Workspace, "host.txt"));
        mirrored.ChangedHere();
        var second = await agent.ExecuteAsync(_scope.Sh("cat second.txt; test ! -e host.txt && echo host.txt-deleted", capture: true), output, Token);

        Assert.True(result.ExitCode == 0, output.Text);
        Assert.Contains("Copying image containercd/busybox:latest", log.Text, StringComparison.Ordinal);
        Assert.Equal(NodeConfig.Name, agent.NodeName);
        Assert.Equal("from the server\n", File.ReadAllText(Path.Combine(_scope.Workspace, "out.txt")));
        Assert.Equal("deep\n", File.ReadAllText(Path.Combine(_scope.Workspace, "sub", "deep.txt")));
        Assert.False(Directory.Exists(Path.Combine(_scope.Workspace, "gone")));
        Assert.Equal("written on the serverhost.txt-deleted", second.Stdout!.ReplaceLineEndings("").Trim());
        var containerId = ((RemoteNodeAgent)agent).ContainerId;
        Assert.Contains(containerId[..12], await engine.DockerAsync("ps -q"), StringComparison.Ordinal);
        var volumes = (await engine.DockerAsync($"volume ls -q --filter label={ResourceLabels.Build}={_scope.BuildId}")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, volumes.Length); // the workspace and WORKSPACE@tmp, made with the container, labelled for the build's end
        Assert.Empty(await BuildContainersOnTheFirstEngineAsync());

        await agent.DisposeAsync();
        await nodes.ReleaseBuildAsync(_scope.BuildId, Token);

        Assert.Equal("", (await engine.DockerAsync("ps -aq")).Trim());
        Assert.Equal("", (await engine.DockerAsync($"volume ls -q --filter label={ResourceLabels.Build}={_scope.BuildId}")).Trim());
        Assert.Equal(0, nodes.Nodes[0].Busy);
    }

    [Fact]
    public async Task StartAsync_ImageRemovedOnTheNodeSinceTheLastAgent_IsCopiedAgain()
    {
        // Given a node that got the image for a first agent (remembered there, so the next start does not ask the node)
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        await using var engine = await SecondEngine.StartAsync([_scope.Workspace], Token);
        await using var nodes = RemoteNodes.Create(NodeConfig.For(engine), docker.Engine);
        var provider = new RemoteNodeAgentProvider(nodes);
        var first = new CollectingOutput();
        await (await provider.StartAsync(Request(), first, Token)).DisposeAsync();
        Assert.Contains("Copying image containercd/busybox:latest", first.Text, StringComparison.Ordinal);

        // When the image is removed there (a prune, the engine's data reset) and another agent starts
        await engine.DockerAsync("rmi containercd/busybox:latest");
        var log = new CollectingOutput();
        await using var again = await provider.StartAsync(Request(), log, Token);

        // Then it is copied again and the agent runs
        Assert.Contains("Copying image containercd/busybox:latest", log.Text, StringComparison.Ordinal);
        Assert.Equal(0, (await again.ExecuteAsync(_scope.Sh("true"), new CollectingOutput(), Token)).ExitCode);
    }

    [Fact]
    public async Task ExecuteAsync_EngineKilledMidStep_FailsNamingTheNodeWhichGoesOfflineAndIsSweptWhenBack()
    {
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        await using var engine = await SecondEngine.StartAsync([_scope.Workspace], Token);
        await using var nodes = RemoteNodes.Create(NodeConfig.For(engine), docker.Engine);
        var provider = new RemoteNodeAgentProvider(nodes);
        await using var agent = await provider.StartAsync(Request(), new CollectingOutput(), Token);
        var output = new CollectingOutput();
        var started = new TaskCompletionSource();
        output.Written += text =>
        {
            if (text.Contains("step-started", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        };

        var step = agent.ExecuteAsync(_scope.Sh("echo step-started; sleep 120"), output, Token).AsTask();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60), Token);
        await engine.KillAsync();
        var lost = await Assert.ThrowsAsync<AgentLostException>(() => step.WaitAsync(TimeSpan.FromSeconds(60), Token));

        Assert.StartsWith($"Cannot contact {NodeConfig.Name}: the Docker engine at {engine.Endpoint} does not answer", lost.Message, StringComparison.Ordinal);
        Assert.Contains(lost.Message, output.Text, StringComparison.Ordinal);
        Assert.False(nodes.Nodes[0].Online);
        await agent.DisposeAsync(); // as the stage's end does: its executor is free again, its container left for the sweep
        Assert.Equal(0, nodes.Nodes[0].Busy);
        var waiting = new CollectingOutput();
        using var shortly = CancellationTokenSource.CreateLinkedTokenSource(Token);
        shortly.CancelAfter(TimeSpan.FromSeconds(3));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => provider.StartAsync(Request(), waiting, shortly.Token).AsTask());
        Assert.Contains($"‘{NodeConfig.Name}’ is offline (Cannot contact {NodeConfig.Name}", waiting.Text, StringComparison.Ordinal);

        await engine.RestartAsync();
        Assert.NotEqual("", (await engine.DockerAsync("volume ls -q")).Trim());
        Assert.True(await nodes.Nodes[0].CheckAsync(null, Token));

        Assert.Equal("", (await engine.DockerAsync("ps -aq")).Trim());
        Assert.Equal("", (await engine.DockerAsync("volume ls -q")).Trim());
        await using var again = await provider.StartAsync(Request(), new CollectingOutput(), Token).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Token);
        Assert.Equal(0, (await again.ExecuteAsync(_scope.Sh("true"), new CollectingOutput(), Token)).ExitCode);
    }

    private async Task<IList<ContainerListResponse>> BuildContainersOnTheFirstEngineAsync() =>
        await docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Build}={_scope.BuildId}"] = true } },
        }, Token);

    public void Dispose() => _scope.Dispose();
}
