using ContainerCd.Router.Client;
using ContainerCd.Router.Tests.Support;
using ContainerCd.Runtime.Delivery.Deploying;
using ContainerCd.Runtime.Delivery.Steps;
using ContainerCd.Runtime.Docker.Compose;
using ContainerCd.Runtime.Results;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests.Delivery;

/// <summary>examples/delivery end to end: build, push to a real registry, deploy blue-green through the real router.</summary>
[Collection(DockerTests.Name)]
public sealed class DeliveryExampleTests(DockerFixture docker) : IDisposable
{
    private const string Project = "shop-example";
    private readonly string _home = Directory.CreateTempSubdirectory("ccdx").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExampleJenkinsfile_BuildsPushesDeploysBlueGreenAndEndsSuccess()
    {
        docker.RequireEngine();
        Assert.SkipWhen(!LocalRegistry.IsInstalled && !DockerFixture.MustRun, $"no {LocalRegistry.Executable} (apt-get install docker-registry)");
        await using var registry = await LocalRegistry.StartAsync(Token, authenticated: false);
        var port = Ports.Free();
        var directory = Path.Combine(Path.GetDirectoryName(typeof(DeliveryExampleTests).Assembly.Location)!, "..", "..", "..", "..", "..", "examples", "delivery");
        using var router = RouterClient.ForHome(_home, RouterLauncher.NextTo(AppContext.BaseDirectory));
        var engine = new DockerComposeEngine(docker.Engine, TimeProvider.System);
        var report = new RecordingReport();
        try
        {
            var (outcome, log) = await PipelineRun.RunAsync(docker, _home, await File.ReadAllTextAsync(Path.Combine(directory, "Jenkinsfile"), Token), "delivery-example", directory,
                extensions: [new DeliveryPipelineExtension(engine, router)],
                environment: new Dictionary<string, string> { ["REGISTRY"] = registry.Host, ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });

            Assert.True(outcome.Result == BuildResult.Success, log);
            Assert.EndsWith("Finished: SUCCESS", log.TrimEnd(), StringComparison.Ordinal);
            Assert.Contains("[Pipeline] composeDeploy", log, StringComparison.Ordinal);
            using var http = new HttpClient();
            Assert.Contains("\"containercd-example/shop\"", await http.GetStringAsync(new Uri($"http://{registry.Host}/v2/_catalog"), Token), StringComparison.Ordinal);
            Assert.StartsWith("shop-", (await http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"), Token)).Trim(), StringComparison.Ordinal);
            var containers = await engine.ListAsync(Project, Token);
            Assert.Equal(2, containers.Count);
            Assert.All(containers, c => Assert.StartsWith($"{registry.Host}/containercd-example/shop@sha256:", c.Image, StringComparison.Ordinal));
        }
        finally
        {
            await new ComposeDeployer(engine, router, report).DownAsync(Project, CancellationToken.None);
            await router.StopAsync(CancellationToken.None);
            foreach (var image in await docker.Engine.Client.Images.ListImagesAsync(new ImagesListParameters { All = true }, CancellationToken.None))
            {
                if (image.RepoTags?.Any(t => t.Contains("containercd-example/shop:", StringComparison.Ordinal)) == true)
                {
                    await docker.Engine.Client.Images.DeleteImageAsync(image.ID, new ImageDeleteParameters { Force = true }, CancellationToken.None);
                }
            }
        }
    }

    public void Dispose() => Directory.Delete(_home, recursive: true);
}
