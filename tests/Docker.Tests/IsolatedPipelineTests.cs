using ContainerCd.Runtime.Docker.Isolated;
using ContainerCd.Runtime.Docker.Ownership;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Results;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// Whole pipelines on a config agent with <c>docker: isolated</c>, with the isolated engine provider registered
/// beside the host and Docker ones, as <c>run</c> and <c>serve</c> register it.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class IsolatedPipelineTests(DockerFixture docker) : IDisposable
{
    private const string Config = "agents: [{ name: iso, labels: [iso], image: containercd/busybox:latest, docker: isolated }]\n";

    private readonly string _home = Directory.CreateTempSubdirectory("containercd-isolated-test-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IsolatedAgent_DockerBuildSucceeds_DockerPsShowsNoHostContainer_AndTheHostKeepsNothingOfTheBuild()
    {
        docker.RequireEngine();
        await using var isolated = new IsolatedEngineAgentProvider(docker.Engine, docker.Provider);
        const string Jenkinsfile = """
            pipeline {
              agent { label 'iso' }
              stages {
                stage('build') {
                  steps {
                    writeFile file: 'Dockerfile', text: 'FROM containercd/busybox:latest\nRUN echo built-in-the-isolated-engine > /marker\n'
                    sh 'docker build -t iso-check .'
                    sh 'docker ps'
                    sh 'echo "running=$(docker ps -q | wc -l)"'
                    sh 'docker run --rm iso-check cat /marker'
                    script {
                      docker.image('containercd/busybox:latest').withRun('', 'sleep 300') { c ->
                        sh "echo sidecar=\$(docker ps -q --filter id=${c.id} | wc -l)"
                      }
                    }
                  }
                }
              }
            }
            """;

        var (outcome, log) = await PipelineRun.RunAsync(docker, _home, Jenkinsfile, "iso-bar", config: ConfigLoader.Parse(Config, "containercd.yml"), agents: [isolated]);

        Assert.True(outcome.Result == BuildResult.Success, log);
        Assert.Contains("Successfully tagged iso-check:latest", log, StringComparison.Ordinal);
        Assert.Contains("+ docker ps\nCONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n", log, StringComparison.Ordinal);
        Assert.Contains("running=0\n", log, StringComparison.Ordinal);
        Assert.Contains("built-in-the-isolated-engine\n", log, StringComparison.Ordinal);
        Assert.Contains("sidecar=1\n", log, StringComparison.Ordinal);
        Assert.Contains("Finished: SUCCESS", log, StringComparison.Ordinal);
        Assert.False(await docker.HasImageAsync("iso-check", Token));
        await AssertNothingOfTheBuildAsync(outcome.BuildId);
    }

    [Fact]
    public async Task IsolatedAgent_BuildAbortedMidStep_LeavesNothingOnTheHost()
    {
        docker.RequireEngine();
        await using var isolated = new IsolatedEngineAgentProvider(docker.Engine, docker.Provider);
        const string Jenkinsfile = """
            pipeline {
              agent { label 'iso' }
              stages {
                stage('long') {
                  steps {
                    sh 'docker run -d --name iso-abort-sleeper containercd/busybox:latest sleep 600 && touch started && sleep 600'
                  }
                }
              }
            }
            """;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var started = Path.Combine(_home, "workspace", "iso-abort", "started");
        var watcher = Task.Run(async () =>
        {
            while (!File.Exists(started))
            {
                await Task.Delay(100, Token);
            }

            await abort.CancelAsync();
        }, Token);

        var (outcome, log) = await PipelineRun.RunAsync(docker, _home, Jenkinsfile, "iso-abort", config: ConfigLoader.Parse(Config, "containercd.yml"), agents: [isolated], cancellationToken: abort.Token);
        await watcher;

        Assert.True(outcome.Result == BuildResult.Aborted, log);
        await AssertNothingOfTheBuildAsync(outcome.BuildId);
    }

    [Fact]
    public async Task CacheTrue_KeepsTheEnginesImagesForTheJobsNextBuild_WithoutItTheyGo()
    {
        docker.RequireEngine();
        await using var isolated = new IsolatedEngineAgentProvider(docker.Engine, docker.Provider);
        var job = "iso-cache-" + Guid.NewGuid().ToString("N")[..8];
        const string Jenkinsfile = """
            pipeline {
              agent { label 'iso' }
              stages {
                stage('build') {
                  steps {
                    sh 'echo "before=$(docker images -q iso-cached | wc -l)"'
                    sh 'printf "FROM containercd/busybox:latest\nRUN echo cached > /c\n" | docker build -q -t iso-cached - >/dev/null'
                  }
                }
              }
            }
            """;
        var cached = ConfigLoader.Parse(Config.Replace("docker: isolated", "docker: isolated, cache: true", StringComparison.Ordinal), "containercd.yml");
        try
        {
            var (first, firstLog) = await PipelineRun.RunAsync(docker, _home, Jenkinsfile, job, config: cached, agents: [isolated]);
            var (second, secondLog) = await PipelineRun.RunAsync(docker, _home, Jenkinsfile, job, config: cached, agents: [isolated]);
            var (third, thirdLog) = await PipelineRun.RunAsync(docker, _home, Jenkinsfile, job + "-other", config: ConfigLoader.Parse(Config, "containercd.yml"), agents: [isolated]);

            Assert.True(first.Result == BuildResult.Success && second.Result == BuildResult.Success && third.Result == BuildResult.Success, firstLog + secondLog + thirdLog);
            Assert.Contains("before=0\n", firstLog, StringComparison.Ordinal);
            Assert.Contains("before=1\n", secondLog, StringComparison.Ordinal);
            Assert.Contains("before=0\n", thirdLog, StringComparison.Ordinal);
            await AssertNothingOfTheBuildAsync(second.BuildId);
            Assert.False(await docker.HasImageAsync("iso-cached", Token));
        }
        finally
        {
            foreach (var volume in (await docker.Engine.Client.Volumes.ListAsync(new VolumesListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Job}={job}"] = true } },
            }, Token)).Volumes ?? [])
            {
                await docker.Engine.Client.Volumes.RemoveAsync(volume.Name, force: true, Token);
            }
        }
    }

    private async Task AssertNothingOfTheBuildAsync(string buildId)
    {
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Build}={buildId}"] = true } };
        Assert.Empty(await docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, Token));
        Assert.Empty((await docker.Engine.Client.Volumes.ListAsync(new VolumesListParameters { Filters = filter }, Token)).Volumes ?? []);
        var sleepers = await docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { ["iso-abort-sleeper"] = true } },
        }, Token);
        Assert.Empty(sleepers);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
