using ContainerCd.Router.Client;
using ContainerCd.Router.Tests.Support;
using ContainerCd.Runtime.Delivery.Compose;
using ContainerCd.Runtime.Delivery.Deploying;
using ContainerCd.Runtime.Docker.Compose;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests.Delivery;

/// <summary>
/// A <see cref="VersionService"/> project deployed with real containers through the real router process of a home
/// of its own, on a free loopback port; disposing it runs <c>composeDown</c> and stops the router.
/// </summary>
internal sealed class RoutedDeployment : IAsyncDisposable
{
    private readonly DockerFixture _docker;
    private readonly string _home = Directory.CreateTempSubdirectory("ccdr").FullName;

    public RoutedDeployment(DockerFixture docker)
    {
        _docker = docker;
        Engine = new DockerComposeEngine(docker.Engine, TimeProvider.System);
        Router = RouterClient.ForHome(_home, RouterLauncher.NextTo(AppContext.BaseDirectory));
    }

    public VersionService Service { get; } = new();

    public RecordingReport Report { get; } = new();

    public int Port { get; } = Ports.Free();

    public DockerComposeEngine Engine { get; }

    public RouterClient Router { get; }

    public ComposeDeployer Deployer => new(Engine, Router, Report);

    public string Project => Service.Project;

    /// <summary>Version <paramref name="version"/> in <paramref name="replicas"/> replicas; <paramref name="deploy"/> is a line under <c>deploy:</c>.</summary>
    public Task DeployAsync(string version, DeployStrategy strategy, CancellationToken cancellationToken, int replicas = 3, string healthPath = "/", string deploy = "", int weight = 0, AbMatchRule? match = null)
    {
        var parsed = ComposeParser.Parse("compose.yml", VersionService.Template(version, Port, healthPath, replicas, deploy: deploy), _ => null);
        Assert.Empty(parsed.Errors);
        return Deployer.DeployAsync(parsed.File!, Service.Directory, new DeployRequest(Project, strategy, weight, match), cancellationToken);
    }

    /// <summary>The project's containers as Docker lists them by their project label, running or not.</summary>
    public async Task<IList<ContainerListResponse>> DockerContainersAsync(CancellationToken cancellationToken) =>
        await _docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ComposeLabels.Project}={Project}"] = true } },
        }, cancellationToken);

    /// <summary><c>docker kill</c> of one container by name.</summary>
    public Task KillAsync(string name) =>
        _docker.Engine.Client.Containers.KillContainerAsync(name, new ContainerKillParameters(), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Deployer.DownAsync(Project, CancellationToken.None);
            await Router.StopAsync(CancellationToken.None);
        }
        finally
        {
            Router.Dispose();
            Service.Dispose();
            Directory.Delete(_home, recursive: true);
        }
    }
}
