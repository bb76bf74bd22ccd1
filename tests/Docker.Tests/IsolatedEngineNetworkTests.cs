using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Isolated;
using ContainerCd.Runtime.Docker.Ownership;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// The networking that containers inside an isolated engine rely on, against the real engine: a user-defined
/// network's embedded DNS (what compose uses), a published port reached by the agent's steps at the engine
/// container's address, and traffic beyond the engine (to a container the test runs on the host engine), from the
/// default bridge and from a user-defined network, each with its own subnet. Every fetch is bounded (<c>timeout 5</c>
/// around busybox wget, whose own <c>-T</c> crashes in Debian's static build, and a fixed number of tries): a broken
/// path fails the step, never hangs it.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class IsolatedEngineNetworkTests(DockerFixture docker) : IDisposable
{
    private const string Fetch = "fetch() { for i in $(seq 1 20); do timeout 5 wget -q -O - \"$1\" && return 0; sleep 0.25; done; echo \"no answer from $1\" >&2; return 1; }\n";

    private readonly AgentScope _scope = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InnerContainers_ResolveEachOtherByName_PublishPortsToTheAgent_AndReachBeyondTheEngine()
    {
        docker.RequireEngine();
        await using var provider = new IsolatedEngineAgentProvider(docker.Engine, docker.Provider);
        var hostWeb = await StartHostWebAsync();
        try
        {
            var agent = await provider.StartAsync(Isolated(), new CollectingOutput(), Token);
            await using (agent)
            {
                var engineAddress = await EngineAddressAsync();

                // (a) A user-defined network: one container finds another by its name through the engine's embedded DNS.
                var byName = await RunAsync(agent,
                    "docker network create iso-net >/dev/null\n"
                    + Web("iso-web", "from-iso-web", "--network iso-net") + "\n"
                    + InnerFetch("--network iso-net", "http://iso-web/"));
                Assert.Equal("from-iso-web\n", byName);

                // (b) A published port: the agent's steps reach it at the engine container's address.
                var published = await RunAsync(agent,
                    Web("iso-published", "from-published-port", "-p 8080:80") + "\n"
                    + Fetch + $"fetch http://{engineAddress}:8080/\n");
                Assert.Equal("from-published-port\n", published);

                // (c) Beyond the engine: a container on the host engine, from the default bridge and from the user-defined network.
                var beyond = await RunAsync(agent,
                    InnerFetch("", $"http://{hostWeb.Address}/") + InnerFetch("--network iso-net", $"http://{hostWeb.Address}/"));
                Assert.Equal("from-the-host-engine\nfrom-the-host-engine\n", beyond);
            }
        }
        finally
        {
            await provider.ReleaseBuildAsync(_scope.BuildId, CancellationToken.None);
            await RemoveQuietlyAsync(hostWeb.Id);
        }
    }

    /// <summary>A detached busybox httpd in the isolated engine answering <paramref name="text"/> on port 80.</summary>
    private string Web(string name, string text, string options) =>
        $"docker run -d --name {name} {options} {docker.BaseImage} sh -c 'mkdir -p /www && echo {text} > /www/index.html && exec httpd -f -p 80 -h /www' >/dev/null";

    /// <summary>A fetch of <paramref name="url"/> from a container of the isolated engine, run with <paramref name="options"/>.</summary>
    private string InnerFetch(string options, string url) => $"docker run --rm {options} {docker.BaseImage} sh -c '{Fetch}fetch {url}'\n";

    private async Task<string> RunAsync(IAgent agent, string script)
    {
        var output = new CollectingOutput();
        var result = await agent.ExecuteAsync(_scope.Sh("set -e\n" + script, capture: true), output, Token);
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}: {output.Text}{result.Stdout}");
        return result.Stdout!;
    }

    /// <summary>The build's engine container's address on the host engine's default bridge (where the agent is too).</summary>
    private async Task<string> EngineAddressAsync()
    {
        var engines = await docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Role}={ResourceLabels.EngineRole}"] = true, [$"{ResourceLabels.Build}={_scope.BuildId}"] = true },
            },
        }, Token);
        return await BridgeAddressAsync(Assert.Single(engines).ID);
    }

    /// <summary>A busybox httpd on the host engine's default bridge, removed by the test; its id and address.</summary>
    private async Task<(string Id, string Address)> StartHostWebAsync()
    {
        var created = await docker.Engine.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = docker.BaseImage,
            Name = "iso-net-host-web-" + _scope.BuildId,
            Cmd = ["sh", "-c", "mkdir -p /www && echo from-the-host-engine > /www/index.html && exec httpd -f -p 80 -h /www"],
            HostConfig = new HostConfig { AutoRemove = true },
        }, Token);
        try
        {
            await docker.Engine.Client.Containers.StartContainerAsync(created.ID, new ContainerStartParameters(), Token);
            return (created.ID, await BridgeAddressAsync(created.ID));
        }
        catch
        {
            await RemoveQuietlyAsync(created.ID);
            throw;
        }
    }

    private async Task<string> BridgeAddressAsync(string id)
    {
        var inspected = await docker.Engine.Client.Containers.InspectContainerAsync(id, Token);
        var address = inspected.NetworkSettings?.Networks?["bridge"]?.IPAddress;
        Assert.False(string.IsNullOrEmpty(address), $"{id} has no address on the default bridge");
        return address;
    }

    private async Task RemoveQuietlyAsync(string id)
    {
        try
        {
            await docker.Engine.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, CancellationToken.None);
        }
        catch (DockerContainerNotFoundException)
        {
        }
    }

    private AgentRequest Isolated()
    {
        var request = _scope.Request(docker.BaseImage);
        return request with { Spec = new IsolatedEngineAgentSpec((ContainerAgentSpec)request.Spec, Cache: false) { Label = "iso" } };
    }

    public void Dispose() => _scope.Dispose();
}
