using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Isolated;
using ContainerCd.Runtime.Docker.Ownership;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// <c>docker: isolated</c> agents against the real engine: each build gets its own dockerd in a container
/// (<see cref="Runtime.Docker.Images.BaseImages.IsolatedEngine"/>, built on first use), steps reach it through
/// DOCKER_HOST, and nothing of what they did reaches the host engine or survives the build.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class IsolatedEngineTests(DockerFixture docker) : IDisposable
{
    private readonly AgentScope _scope = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IsolatedAgent_BuildsRunsAndMountsTheWorkspaceInItsOwnEngine_AndTheBuildsEndRemovesEverything()
    {
        docker.RequireEngine();
        await using var provider = new IsolatedEngineAgentProvider(docker.Engine, docker.Provider);
        var log = new CollectingOutput();
        await File.WriteAllTextAsync(Path.Combine(_scope.Workspace, "Dockerfile"), $"FROM {docker.BaseImage}\nRUN echo built-inside > /marker\n", Token);
        await File.WriteAllTextAsync(Path.Combine(_scope.Workspace, "from-workspace.txt"), "seen through the engine\n", Token);
        var agent = await provider.StartAsync(Isolated(), log, Token);
        var output = new CollectingOutput();

        var result = await agent.ExecuteAsync(_scope.Sh(
            "set -e\n"
            + "docker build -q -t iso-check . >/dev/null\n"
            + "docker run --rm iso-check cat /marker\n"
            + $"docker run --rm -v \"$PWD:/w\" {docker.BaseImage} cat /w/from-workspace.txt\n"
            + $"docker run -d --name iso-sleeper {docker.BaseImage} sleep 300 >/dev/null\n"
            + "echo \"ps=$(docker ps --format '{{.Names}}' | tr '\\n' ' ')\"\n"
            + "echo \"host=$DOCKER_HOST\"\n", capture: true), output, Token);

        Assert.True(result.ExitCode == 0, log.Text + output.Text + result.Stdout);
        var stdout = result.Stdout!;
        Assert.Contains("built-inside", stdout, StringComparison.Ordinal);
        Assert.Contains("seen through the engine", stdout, StringComparison.Ordinal);
        Assert.Contains("ps=iso-sleeper \n", stdout, StringComparison.Ordinal);
        Assert.Contains($"host={IsolatedEngine.DockerHost}", stdout, StringComparison.Ordinal);
        Assert.False(await docker.HasImageAsync("iso-check", Token));
        Assert.Empty(await HostContainersAsync("name", "iso-sleeper"));
        var engines = await HostContainersAsync("label", $"{ResourceLabels.Role}={ResourceLabels.EngineRole}", _scope.BuildId);
        var dataRoot = Assert.Single((await docker.Engine.Client.Containers.InspectContainerAsync(Assert.Single(engines).ID, Token)).Mounts, m => m.Destination == "/var/lib/docker");

        await agent.DisposeAsync();
        await provider.ReleaseBuildAsync(_scope.BuildId, Token);

        Assert.Empty(await HostContainersAsync("label", $"{ResourceLabels.Build}={_scope.BuildId}"));
        Assert.Empty(await HostVolumesAsync(_scope.BuildId));
        await Assert.ThrowsAnyAsync<DockerApiException>(async () => await docker.Engine.Client.Volumes.InspectAsync(dataRoot.Name!, Token));
        Assert.False(await docker.HasImageAsync("iso-check", Token));
    }

    [Fact]
    public async Task IsolatedEngine_ThatCannotStart_FailsTheAgentWithDockerdsReasonAndLeavesNothing()
    {
        docker.RequireEngine();
        await using var provider = new IsolatedEngineAgentProvider(docker.Engine, docker.Provider, null,
            IsolatedEngineOptions.Default with { DockerdArguments = "--no-such-dockerd-flag" });

        var error = await Assert.ThrowsAsync<AgentStartException>(async () =>
            await provider.StartAsync(Isolated(), new CollectingOutput(), Token));

        Assert.StartsWith("The isolated Docker engine did not start: dockerd exited; the end of its log:", error.Message, StringComparison.Ordinal);
        Assert.Contains("no-such-dockerd-flag", error.Message, StringComparison.Ordinal);
        Assert.Empty(await HostContainersAsync("label", $"{ResourceLabels.Build}={_scope.BuildId}"));
        Assert.Empty(await HostVolumesAsync(_scope.BuildId));
    }

    private AgentRequest Isolated()
    {
        var request = _scope.Request(docker.BaseImage);
        return request with { Spec = new IsolatedEngineAgentSpec((ContainerAgentSpec)request.Spec, Cache: false) { Label = "iso" } };
    }

    private async Task<IList<ContainerListResponse>> HostContainersAsync(string filter, string value, string? build = null)
    {
        var filters = new Dictionary<string, IDictionary<string, bool>> { [filter] = new Dictionary<string, bool> { [value] = true } };
        if (build is not null)
        {
            filters["label"][$"{ResourceLabels.Build}={build}"] = true;
        }

        return await docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filters }, Token);
    }

    private async Task<IList<VolumeResponse>> HostVolumesAsync(string build) =>
        (await docker.Engine.Client.Volumes.ListAsync(new VolumesListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Build}={build}"] = true } },
        }, Token)).Volumes ?? [];

    public void Dispose() => _scope.Dispose();
}
