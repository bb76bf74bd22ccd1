using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ContainerCd.Runtime.Delivery.Registry;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Results;
using OnDemandRegistry = ContainerCd.Runtime.Delivery.Registry.LocalRegistry;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// The local registry started on demand: a build whose Jenkinsfile names the configured local registry's address
/// finds it running (started once, however many builds ask), and a config naming another registry starts nothing.
/// Each test takes a free port of its own instead of 5000, so as not to meet a registry someone else runs.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class LocalRegistryOnDemandTests(DockerFixture docker) : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("containercd-registry-home-").FullName;
    private readonly int _port = FreePort();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Address => $"127.0.0.1:{_port}";

    [Fact]
    public async Task Build_PushingToTheLocalRegistryAddress_WithNoRegistryRunning_StartsItAndTheCatalogListsTheImage()
    {
        // Given
        docker.RequireEngine();
        Assert.SkipWhen(!RegistryServer.IsInstalled && !DockerFixture.MustRun, $"no {RegistryServer.Executable} (apt-get install docker-registry)");
        var repository = "containercd-test/on-demand-" + Guid.NewGuid().ToString("N")[..10];
        Assert.False(await RegistryServer.AnswersAsync(Address, Token));
        var jenkinsfile = $$"""
            pipeline {
                agent { docker { image '{{docker.BaseImage}}' } }
                stages {
                    stage('Push') {
                        steps {
                            writeFile file: 'img/Dockerfile', text: 'FROM {{docker.BaseImage}}\nRUN echo pushed > /pushed.txt\n'
                            script {
                                def img = docker.build('{{repository}}:1', 'img')
                                docker.withRegistry('http://{{Address}}') {
                                    img.push()
                                }
                            }
                        }
                    }
                }
            }
            """;

        try
        {
            // When
            var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "registry-on-demand", config: Config());

            // Then
            Assert.True(outcome.Result == BuildResult.Success, log);
            Assert.Contains($"Started the local registry on {Address} (docker-registry, data in {Path.Combine(_home, "registry", "data")})", log, StringComparison.Ordinal);
            using var client = new HttpClient();
            var catalog = await client.GetStringAsync(new Uri($"http://{Address}/v2/_catalog"), Token);
            Assert.Contains($"\"{repository}\"", catalog, StringComparison.Ordinal);
        }
        finally
        {
            foreach (var image in new[] { $"{repository}:1", $"{Address}/{repository}:1" })
            {
                try
                {
                    await docker.Engine.Client.Images.DeleteImageAsync(image, new global::Docker.DotNet.Models.ImageDeleteParameters { Force = true }, Token);
                }
                catch (global::Docker.DotNet.DockerImageNotFoundException)
                {
                }
            }
        }
    }

    [Fact]
    public async Task TwoBuildsNamingTheLocalRegistry_AtOnce_StartOneRegistry()
    {
        // Given
        Assert.SkipWhen(!RegistryServer.IsInstalled && !DockerFixture.MustRun, $"no {RegistryServer.Executable} (apt-get install docker-registry)");
        var jenkinsfile = $$"""
            pipeline {
                agent any
                stages {
                    stage('Push') { steps { echo 'would push to {{Address}}/shop:1' } }
                }
            }
            """;

        // When: two builds, each with a registry object of its own (as two processes on one home would have)
        var builds = await Task.WhenAll(
            PipelineRun.RunAsync(docker, _home, jenkinsfile, "registry-a", config: Config()),
            PipelineRun.RunAsync(docker, _home, jenkinsfile, "registry-b", config: Config()));

        // Then
        Assert.All(builds, b => Assert.True(b.Outcome.Result == BuildResult.Success, b.Log));
        Assert.Single(builds, b => b.Log.Contains($"Started the local registry on {Address}", StringComparison.Ordinal));
        Assert.True(await RegistryServer.AnswersAsync(Address, Token));
        var config = Path.Combine(_home, "registry", "config.yml");
        Assert.Single(RegistryProcesses(config));
        var status = await new OnDemandRegistry(_home, Config().Registry).GetStatusAsync(Token);
        Assert.Equal(new RegistryStatus(Address, true, true, Path.Combine(_home, "registry", "data"), RegistryProcesses(config)[0], null), status);
    }

    [Fact]
    public async Task ConfigNamingAnotherRegistryWithCredentials_BuildNamingItsAddress_StartsNothing()
    {
        // Given: the address is on loopback, but credentials make it a registry ContainerCd only uses
        Assert.SkipWhen(!RegistryServer.IsInstalled && !DockerFixture.MustRun, $"no {RegistryServer.Executable} (apt-get install docker-registry)");
        var config = RuntimeConfig.Empty with { Registry = new RegistrySettings(Address) { CredentialsId = "registry" } };
        var jenkinsfile = $$"""
            pipeline {
                agent any
                stages {
                    stage('Push') { steps { echo 'would push to {{Address}}/shop:1' } }
                }
            }
            """;

        // When
        var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "registry-external", config: config);

        // Then
        Assert.True(outcome.Result == BuildResult.Success, log);
        Assert.DoesNotContain("Started the local registry", log, StringComparison.Ordinal);
        Assert.False(await RegistryServer.AnswersAsync(Address, Token));
        Assert.False(Directory.Exists(Path.Combine(_home, "registry")));
        Assert.Equal(RegistryStart.NotManaged, await new OnDemandRegistry(_home, config.Registry).EnsureRunningAsync(Token));
    }

    private RuntimeConfig Config() => RuntimeConfig.Empty with { Registry = new RegistrySettings(Address) };

    /// <summary>The process ids of docker-registry processes serving <paramref name="configFile"/>.</summary>
    private static List<int> RegistryProcesses(string configFile) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => (Pid: int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0, Directory: d))
            .Where(p => p.Pid > 0 && CommandLine(p.Directory) is { } line && line.Contains(RegistryServer.Executable, StringComparison.Ordinal) && line.Contains(configFile, StringComparison.Ordinal))
            .Select(p => p.Pid)];

    private static string? CommandLine(string processDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(processDirectory, "cmdline")).Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        // The registry outlives its builds by design: the test stops the one it made.
        foreach (var pid in RegistryProcesses(Path.Combine(_home, "registry", "config.yml")))
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        Directory.Delete(_home, recursive: true);
    }
}
