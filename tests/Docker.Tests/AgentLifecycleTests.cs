using System.Diagnostics;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Ownership;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests;

[Collection(DockerTests.Name)]
public sealed class AgentLifecycleTests(DockerFixture docker) : IDisposable
{
    private readonly AgentScope _scope = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private async Task<IList<ContainerListResponse>> ContainersAsync(string label, string value) =>
        await docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{label}={value}"] = true } },
        }, Token);

    [Fact]
    public async Task DisposeAsync_AfterSteps_RemovesTheContainer()
    {
        docker.RequireEngine();
        var agent = (DockerAgent)await docker.Provider.StartAsync(_scope.Request(docker.BaseImage), new CollectingOutput(), Token);
        await agent.ExecuteAsync(_scope.Sh("true"), new CollectingOutput(), Token);
        var labelled = await ContainersAsync(ResourceLabels.Build, _scope.BuildId);
        Assert.Single(labelled);
        Assert.Equal(OwnerIdentity.Current.ToString(), labelled[0].Labels[ResourceLabels.Owner]);

        await agent.DisposeAsync();
        await agent.DisposeAsync();

        Assert.Empty(await ContainersAsync(ResourceLabels.Build, _scope.BuildId));
    }

    [Fact]
    public async Task StartAsync_Limits_AreAppliedToTheContainer()
    {
        docker.RequireEngine();
        await using var agent = (DockerAgent)await docker.Provider.StartAsync(_scope.Request(docker.BaseImage, "--cpus 0.5", memory: 64L * 1024 * 1024), new CollectingOutput(), Token);

        var inspected = await docker.Engine.Client.Containers.InspectContainerAsync(agent.ContainerId, Token);

        Assert.Equal(500_000_000, inspected.HostConfig!.NanoCPUs);
        Assert.Equal(64L * 1024 * 1024, inspected.HostConfig.Memory);
    }

    [Fact]
    public async Task PassThrough_DockerCliInBusybox_TalksToTheHostEngineAndWhatItStartsIsRemoved()
    {
        docker.RequireEngine();
        var agent = (DockerAgent)await docker.Provider.StartAsync(_scope.Request(docker.BaseImage), new CollectingOutput(), Token);
        var output = new CollectingOutput();

        var result = await agent.ExecuteAsync(_scope.Sh($"docker run -d {docker.BaseImage} sleep 300\ndocker ps --format '{{{{.ID}}}}' --filter label={ResourceLabels.Scope}={agent.ScopeId} | wc -l", capture: true), output, Token);

        Assert.True(result.ExitCode == 0, output.Text);
        Assert.Equal("2", result.Stdout!.Trim().Split('\n')[^1].Trim());
        Assert.Equal(2, (await ContainersAsync(ResourceLabels.Build, _scope.BuildId)).Count);
        await agent.DisposeAsync();
        Assert.Empty(await ContainersAsync(ResourceLabels.Build, _scope.BuildId));
    }

    [Fact]
    public async Task PassThrough_TurnedOff_HasNoSocketInside()
    {
        docker.RequireEngine();
        await using var agent = await docker.Provider.StartAsync(_scope.Request(docker.BaseImage, passThrough: false), new CollectingOutput(), Token);

        var result = await agent.ExecuteAsync(_scope.Sh("test -S /var/run/docker.sock"), new CollectingOutput(), Token);

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task SweepDeadOwnersAsync_RemovesWhatADeadProcessLeftButNotWhatALiveOneOwns()
    {
        docker.RequireEngine();

        // Given: a process that has exited, and one still alive, each "owning" a container.
        using var dead = Process.Start("true")!;
        await dead.WaitForExitAsync(Token);
        var deadOwner = OwnerIdentity.Current with { Pid = dead.Id, StartTicks = 1 };
        using var live = Process.Start("sleep", "300")!;
        var liveOwner = OwnerIdentity.ForProcess(live.Id)!;
        try
        {
            var deadContainer = await CreateOwnedAsync(deadOwner);
            var liveContainer = await CreateOwnedAsync(liveOwner);

            // When
            await new ResourceJanitor(docker.Engine).SweepDeadOwnersAsync(Token);

            // Then
            var left = (await ContainersAsync(ResourceLabels.Build, _scope.BuildId)).Select(c => c.ID).ToList();
            Assert.DoesNotContain(deadContainer, left);
            Assert.Contains(liveContainer, left);

            // And once the live owner dies too, the next sweep takes its container.
            live.Kill();
            await live.WaitForExitAsync(Token);
            await new ResourceJanitor(docker.Engine).SweepDeadOwnersAsync(Token);
            Assert.Empty(await ContainersAsync(ResourceLabels.Build, _scope.BuildId));
        }
        finally
        {
            if (!live.HasExited)
            {
                live.Kill();
            }

            await new ResourceJanitor(docker.Engine).RemoveBuildAsync(_scope.BuildId, Token);
        }
    }

    private async Task<string> CreateOwnedAsync(OwnerIdentity owner)
    {
        var labels = ResourceLabels.ForScope(_scope.BuildId, "sweep-test", Guid.NewGuid().ToString("N")[..12], "agent");
        labels[ResourceLabels.Owner] = owner.ToString();
        var created = await docker.Engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = docker.BaseImage,
            Cmd = ["sleep", "300"],
            Labels = labels,
        }, Token);
        await docker.Engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), Token);
        return created.ID;
    }

    [Fact]
    public async Task StartAsync_MissingImage_FailsWithOneLineNamingTheImageAndTheFix()
    {
        docker.RequireEngine();

        var error = await Assert.ThrowsAsync<AgentStartException>(() => docker.Provider.StartAsync(_scope.Request("containercd-test/does-not-exist:1"), new CollectingOutput(), Token).AsTask());

        Assert.Contains("'containercd-test/does-not-exist:1' is not available locally and cannot be pulled", error.Message, StringComparison.Ordinal);
        Assert.Contains("containercd images bootstrap", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task StartAsync_UnknownArgsFlag_FailsNamingTheFlag()
    {
        docker.RequireEngine();

        var error = await Assert.ThrowsAsync<AgentStartException>(() => docker.Provider.StartAsync(_scope.Request(docker.BaseImage, "-v /tmp:/tmp --bogus-flag x"), new CollectingOutput(), Token).AsTask());

        Assert.Contains("unknown flag: --bogus-flag", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ContainersAsync(ResourceLabels.Build, _scope.BuildId));
    }

    [Fact]
    public async Task StartAsync_EntrypointIgnoringItsCommand_FailsClearlyAndLeavesNothing()
    {
        docker.RequireEngine();

        var error = await Assert.ThrowsAsync<AgentStartException>(() => docker.Provider.StartAsync(_scope.Request(docker.BaseImage, "--entrypoint true"), new CollectingOutput(), Token).AsTask());

        Assert.Contains("--entrypoint=", error.Message, StringComparison.Ordinal);
        Assert.Empty(await ContainersAsync(ResourceLabels.Build, _scope.BuildId));
    }

    [Fact]
    public async Task EnsureReachableAsync_NoEngine_OneLineNamingTheSocketAndHowToStartIt()
    {
        using var engine = DockerEngine.Create(new DockerEndpoint(new Uri("unix:///tmp/containercd-no-such-engine.sock"), FromEnvironment: true));

        var error = await Assert.ThrowsAsync<AgentStartException>(() => engine.EnsureReachableAsync(Token));

        Assert.Contains("unix:///tmp/containercd-no-such-engine.sock (from DOCKER_HOST)", error.Message, StringComparison.Ordinal);
        Assert.Contains("dockerd", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task DockerfileAgent_BuildsOnceThenReusesTheImageByItsInputs()
    {
        docker.RequireEngine();
        Directory.CreateDirectory(Path.Combine(_scope.Workspace, "ci"));
        await File.WriteAllTextAsync(Path.Combine(_scope.Workspace, "ci", "Dockerfile.agent"), $"FROM {docker.BaseImage}\nARG FLAVOUR=plain\nCOPY marker.txt /marker.txt\nRUN echo \"built $FLAVOUR\" > /built.txt\n", Token);
        await File.WriteAllTextAsync(Path.Combine(_scope.Workspace, "ci", "marker.txt"), Guid.NewGuid().ToString(), Token);
        var spec = new DockerfileSpec("Dockerfile.agent", "ci", "--build-arg FLAVOUR=special");

        var firstLog = new CollectingOutput();
        await using (var first = await docker.Provider.StartAsync(_scope.Request(null, dockerfile: spec), firstLog, Token))
        {
            var result = await first.ExecuteAsync(_scope.Sh("cat /built.txt", capture: true), new CollectingOutput(), Token);
            Assert.Equal("built special\n", result.Stdout);
        }

        var secondLog = new CollectingOutput();
        await using (var second = await docker.Provider.StartAsync(_scope.Request(null, dockerfile: spec), secondLog, Token))
        {
            Assert.Equal(0, (await second.ExecuteAsync(_scope.Sh("test -f /marker.txt"), new CollectingOutput(), Token)).ExitCode);
        }

        Assert.Contains("Building containercd/dockerfile:", firstLog.Text, StringComparison.Ordinal);
        Assert.Contains(": RUN echo \"built $FLAVOUR\" > /built.txt", firstLog.Text, StringComparison.Ordinal);
        Assert.Contains("Using the image built earlier", secondLog.Text, StringComparison.Ordinal);

        // The image is a cache kept across builds; this one's random input will never be asked for again.
        var tag = firstLog.Text.Split("Building ")[1].Split(' ')[0];
        await docker.Engine.Client.Images.DeleteImageAsync(tag, new ImageDeleteParameters { Force = true }, Token);
    }

    [Fact]
    public async Task DockerfileAgent_FailingBuild_FailsWithTheOutputInTheLog()
    {
        docker.RequireEngine();
        await File.WriteAllTextAsync(Path.Combine(_scope.Workspace, "Dockerfile"), $"FROM {docker.BaseImage}\nRUN echo about to fail && exit 7\n", Token);
        var log = new CollectingOutput();

        var error = await Assert.ThrowsAsync<AgentStartException>(() => docker.Provider.StartAsync(_scope.Request(null, dockerfile: new DockerfileSpec("Dockerfile", "", null)), log, Token).AsTask());

        Assert.Contains("docker build of Dockerfile failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("about to fail", log.Text, StringComparison.Ordinal);
        Assert.Empty(await ContainersAsync(ResourceLabels.Build, _scope.BuildId));
    }

    public void Dispose() => _scope.Dispose();
}
