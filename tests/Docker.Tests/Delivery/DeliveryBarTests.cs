using ContainerCd.Router.Client;
using ContainerCd.Router.Tests.Support;
using ContainerCd.Runtime.Delivery.Compose;
using ContainerCd.Runtime.Delivery.Deploying;
using ContainerCd.Runtime.Docker.Compose;

namespace ContainerCd.Docker.Tests.Delivery;

/// <summary>
/// The bar, end to end: real containers (busybox httpd serving its version), the real router process of a
/// home of the test's own, and a client loop on 127.0.0.1 while the strategies run (<see cref="DeliveryLoad"/>: 200
/// requests/s as a benchmark, 25 in the test suite). Any rate asserts 0 failed requests.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class DeliveryBarTests(DockerFixture docker) : IAsyncLifetime
{
    private readonly VersionService _service = new();
    private readonly string _home = Directory.CreateTempSubdirectory("ccdd").FullName;
    private readonly RecordingReport _report = new();
    private readonly int _port = Ports.Free();
    private RouterClient _router = null!;
    private DockerComposeEngine _engine = null!;

    private ComposeDeployer Deployer => new(_engine, _router, _report);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        docker.RequireEngine();
        _engine = new DockerComposeEngine(docker.Engine, TimeProvider.System);
        _router = RouterClient.ForHome(_home, RouterLauncher.NextTo(AppContext.BaseDirectory));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_router is not null)
        {
            await Deployer.DownAsync(_service.Project, CancellationToken.None);
            await _router.StopAsync(CancellationToken.None);
            _router.Dispose();
        }

        _service.Dispose();
        Directory.Delete(_home, recursive: true);
    }

    /// <summary>Three replicas: busybox httpd forks per connection with a short listen backlog, so one replica alone drops connections at 200 requests/s on a loaded machine.</summary>
    private Task DeployAsync(string version, DeployStrategy strategy, int weight = 0, string healthPath = "/")
    {
        var parsed = ComposeParser.Parse("compose.yml", VersionService.Template(version, _port, healthPath, replicas: 3), _ => null);
        return Deployer.DeployAsync(parsed.File!, _service.Directory, new DeployRequest(_service.Project, strategy, weight, null), Token);
    }

    private HttpClient Client() => DeliveryLoad.Client(_port);

    private static int Rate => DeliveryLoad.Rate;

    private static Task<LoadLoop> UnderLoadAsync(HttpClient client, Func<Task> change) => DeliveryLoad.UnderLoadAsync(client, change, Token);

    [Fact]
    public async Task BlueGreen_UnderLoad_NoFailedRequestThenEveryAnswerNew_AndRollbackBackToOld()
    {
        await DeployAsync("v1", DeployStrategy.BlueGreen);
        using var client = Client();
        Assert.Equal("v1", (await client.GetStringAsync("/", Token)).Trim());

        using (var load = await UnderLoadAsync(client, () => DeployAsync("v2", DeployStrategy.BlueGreen)))
        {
            Assert.Empty(load.Failed);
            Assert.Contains(load.Answers, a => a.Body.Trim() == "v1");
            var last = load.Answers.TakeLast(Rate).ToList();
            Assert.All(last, a => Assert.Equal("v2", a.Body.Trim()));
        }

        using (var back = await UnderLoadAsync(client, () => Deployer.RollbackAsync(_service.Project, Token)))
        {
            Assert.Empty(back.Failed);
            Assert.All(back.Answers.TakeLast(Rate), a => Assert.Equal("v1", a.Body.Trim()));
        }
    }

    [Fact]
    public async Task Canary_Weight10_SendsSevenToThirteenPercentOf2000RequestsToTheNewVersion()
    {
        await DeployAsync("v1", DeployStrategy.BlueGreen);
        await DeployAsync("v2", DeployStrategy.Canary, weight: 10);
        using var client = Client();

        var answers = new List<string>();
        for (var batch = 0; batch < 100; batch++)
        {
            var requests = Enumerable.Range(0, 20).Select(_ => client.GetStringAsync("/", Token));
            answers.AddRange((await Task.WhenAll(requests)).Select(a => a.Trim()));
        }

        Assert.Equal(2000, answers.Count);
        var share = answers.Count(a => a == "v2") / 2000.0;
        Assert.InRange(share, 0.07, 0.13);
        Assert.All(answers, a => Assert.True(a is "v1" or "v2", a));
    }

    [Fact]
    public async Task NeverHealthy_NewVersion_StepFailsAndEveryRequestStillReachesTheOldOne()
    {
        await DeployAsync("v1", DeployStrategy.BlueGreen);
        using var client = Client();

        DeploymentException? error = null;
        using (var load = await UnderLoadAsync(client, async () =>
            error = await Assert.ThrowsAsync<DeploymentException>(() => DeployAsync("v2", DeployStrategy.BlueGreen, healthPath: "/missing"))))
        {
            Assert.Contains("did not become healthy", error!.Message, StringComparison.Ordinal);
            Assert.Empty(load.Failed);
            Assert.All(load.Answers, a => Assert.Equal("v1", a.Body.Trim()));
        }

        Assert.Equal(["blue"], (await _engine.ListAsync(_service.Project, Token)).Select(c => c.Pool).Distinct());
    }
}
