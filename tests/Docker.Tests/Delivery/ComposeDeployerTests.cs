using ContainerCd.Runtime.Delivery.Compose;
using ContainerCd.Runtime.Delivery.Deploying;
using ContainerCd.Runtime.Docker.Compose;
using ContainerCd.Runtime.Docker.Ownership;
using ContainerCd.Runtime.Events;

namespace ContainerCd.Docker.Tests.Delivery;

/// <summary>The strategies with real containers (a busybox httpd serving its version) and a recording fake of the router.</summary>
[Collection(DockerTests.Name)]
public sealed class ComposeDeployerTests(DockerFixture docker) : IAsyncLifetime
{
    private const int Port = 18080;
    private readonly VersionService _service = new();
    private readonly RecordingRouter _router = new();
    private readonly RecordingReport _report = new();
    private DockerComposeEngine _engine = null!;

    private ComposeDeployer Deployer => new(_engine, _router, _report) { RouterHealthTimeout = TimeSpan.FromSeconds(20) };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        docker.RequireEngine();
        _engine = new DockerComposeEngine(docker.Engine, TimeProvider.System);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_engine is not null)
        {
            await Deployer.DownAsync(_service.Project, CancellationToken.None);
        }

        _service.Dispose();
    }

    private Task DeployAsync(string version, DeployStrategy strategy, int weight = 0, string healthPath = "/")
    {
        var parsed = ComposeParser.Parse("compose.yml", VersionService.Template(version, Port, healthPath), _ => null);
        Assert.Empty(parsed.Diagnostics);
        return Deployer.DeployAsync(parsed.File!, _service.Directory, new DeployRequest(_service.Project, strategy, weight, null), Token);
    }

    private async Task<List<string>> AnswersAsync(string pool)
    {
        using var http = new HttpClient();
        var answers = new List<string>();
        foreach (var backend in _router.Table(Port)!.Pools.Single(p => p.Name == pool).Backends)
        {
            answers.Add((await http.GetStringAsync(backend, Token)).Trim());
        }

        return answers;
    }

    [Fact]
    public async Task BlueGreen_SecondVersion_SwitchesAllTrafficAndKeepsTheOldOneUntilRollback()
    {
        await DeployAsync("v1", DeployStrategy.BlueGreen);
        Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, _router.Weights(Port));
        Assert.Equal(["v1"], await AnswersAsync("blue"));

        await DeployAsync("v2", DeployStrategy.BlueGreen);

        Assert.Equal(new Dictionary<string, int> { ["blue"] = 0, ["green"] = 100 }, _router.Weights(Port));
        Assert.Equal(["v2"], await AnswersAsync("green"));
        Assert.Equal(["v1"], await AnswersAsync("blue"));
        var staged = _router.Applied[^2];
        Assert.Equal(0, staged.Pools.Single(p => p.Name == "green").Weight);
        Assert.Equal(100, staged.Pools.Single(p => p.Name == "blue").Weight);

        await Deployer.RollbackAsync(_service.Project, Token);

        Assert.Equal(new Dictionary<string, int> { ["blue"] = 100 }, _router.Weights(Port));
        Assert.Equal(["blue"], (await _engine.ListAsync(_service.Project, Token)).Select(c => c.Pool));
        Assert.Equal(["v1"], await AnswersAsync("blue"));
        Assert.Equal(DeploymentPhase.RolledBack, _report.Events[^1].Phase);
    }

    [Fact]
    public async Task Canary_Weight10_SendsTenPercentToTheNewVersionUntilPromote()
    {
        await DeployAsync("v1", DeployStrategy.BlueGreen);
        await DeployAsync("v2", DeployStrategy.Canary, weight: 10);

        Assert.Equal(new Dictionary<string, int> { ["blue"] = 90, ["green"] = 10 }, _router.Weights(Port));
        Assert.Equal(DeploymentPhase.Succeeded, _report.Events[^1].Phase);
        Assert.Equal(10, _report.Events[^1].Weights["green"]);
        Assert.StartsWith("sha256:", _report.Events[^1].Images["web"], StringComparison.Ordinal);

        await Deployer.PromoteAsync(_service.Project, Token);

        Assert.Equal(new Dictionary<string, int> { ["green"] = 100 }, _router.Weights(Port));
        Assert.Equal(["green"], (await _engine.ListAsync(_service.Project, Token)).Select(c => c.Pool));
        Assert.Equal(DeploymentPhase.Promoted, _report.Events[^1].Phase);
        var error = await Assert.ThrowsAsync<DeploymentException>(() => Deployer.RollbackAsync(_service.Project, Token));
        Assert.Contains("no previous version is running", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NeverHealthy_NewVersion_FailsRemovesItAndLeavesAllTrafficOnTheOldOne()
    {
        await DeployAsync("v1", DeployStrategy.BlueGreen);
        var before = _router.Table(Port);

        var error = await Assert.ThrowsAsync<DeploymentException>(() => DeployAsync("v2", DeployStrategy.BlueGreen, healthPath: "/missing"));

        Assert.Contains("version green of " + _service.Project + " did not become healthy", error.Message, StringComparison.Ordinal);
        Assert.Contains("is unhealthy", error.Message, StringComparison.Ordinal);
        Assert.Contains("all traffic stays on blue", error.Message, StringComparison.Ordinal);
        Assert.Same(before, _router.Table(Port));
        Assert.Equal(["blue"], (await _engine.ListAsync(_service.Project, Token)).Select(c => c.Pool));
        Assert.Equal(DeploymentPhase.Failed, _report.Events[^1].Phase);
        Assert.Equal(["v1"], await AnswersAsync("blue"));
    }

    [Fact]
    public async Task Deployed_Containers_OutliveTheJanitorAndTheSweep()
    {
        await DeployAsync("v1", DeployStrategy.BlueGreen);

        await new ResourceJanitor(docker.Engine).SweepDeadOwnersAsync(Token);
        await new ResourceJanitor(docker.Engine).RemoveOwnedByCurrentProcessAsync(Token);

        var container = Assert.Single(await _engine.ListAsync(_service.Project, Token));
        Assert.Equal($"{_service.Project}-web-blue-1", container.Name);
        Assert.Equal(["v1"], await AnswersAsync("blue"));
    }

    [Fact]
    public async Task ComposeDown_RemovesContainersRoutesAndNetwork()
    {
        await DeployAsync("v1", DeployStrategy.BlueGreen);

        await Deployer.DownAsync(_service.Project, Token);

        Assert.Empty(await _engine.ListAsync(_service.Project, Token));
        Assert.Null(_router.Table(Port));
        Assert.Equal(DeploymentPhase.Removed, _report.Events[^1].Phase);
    }
}
