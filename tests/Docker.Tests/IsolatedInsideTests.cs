using ContainerCd.Runtime.Docker;
using ContainerCd.Runtime.Docker.Images;
using ContainerCd.Runtime.Docker.Isolated;
using ContainerCd.Runtime.Docker.Ownership;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Results;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// <c>docker.image().inside</c>, <c>withDockerContainer</c> and <c>reuseNode</c> docker agents in a stage on a
/// <c>docker: isolated</c> agent: their containers start in the build's own engine, never the host's.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class IsolatedInsideTests(DockerFixture docker) : IDisposable
{
    private const string Config = "agents: [{ name: iso, labels: [iso], image: containercd/busybox:latest, docker: isolated }]\n";

    private readonly string _home = Directory.CreateTempSubdirectory("containercd-isolated-inside-test-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Inside_OnAnIsolatedAgent_RunsInTheBuildsEngine_SharesTheWorkspace_AndTheHostEngineNeverShowsItsContainer()
    {
        // Given an isolated agent whose steps run an image's body, which waits until the test has looked at the host engine
        docker.RequireEngine();
        await using var isolated = new IsolatedEngineAgentProvider(docker.Engine, docker.Provider);
        var job = "iso-inside-" + Guid.NewGuid().ToString("N")[..8];
        const string Jenkinsfile = """
            pipeline {
              agent { label 'iso' }
              stages {
                stage('inside') {
                  steps {
                    writeFile file: 'from-agent.txt', text: 'written-by-the-agent'
                    script {
                      docker.image('containercd/busybox:latest').inside('-e FROM_ARGS=given') {
                        sh 'echo "seen=$(cat from-agent.txt) args=$FROM_ARGS pwd=$(pwd) uid=$(id -u)"'
                        sh 'echo written-inside > from-inside.txt'
                        sh 'echo "engine-containers=$(docker ps -q | wc -l)"'
                        sh 'touch inside-running; i=0; while [ ! -f host-checked ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done'
                      }
                    }
                    sh 'echo "back=$(cat from-inside.txt) engine-after=$(docker ps -aq | wc -l)"'
                  }
                }
                stage('reuse') {
                  agent { docker { image 'containercd/busybox:latest'; reuseNode true } }
                  steps {
                    sh 'echo "reuse-engine-containers=$(docker ps -q | wc -l) reuse-seen=$(cat from-inside.txt)"'
                  }
                }
              }
            }
            """;
        var workspace = Path.Combine(_home, "workspace", job);
        var hostRoles = new List<string>();
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(Token);
        giveUp.CancelAfter(TimeSpan.FromMinutes(3));
        var watcher = Task.Run(async () =>
        {
            while (!File.Exists(Path.Combine(workspace, "inside-running")))
            {
                await Task.Delay(50, giveUp.Token);
            }

            var containers = await docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Job}={job}"] = true } },
            }, giveUp.Token);
            hostRoles.AddRange(containers.Select(c => c.Labels.TryGetValue(ResourceLabels.Role, out var role) ? role : "?").Order(StringComparer.Ordinal));
            await File.WriteAllTextAsync(Path.Combine(workspace, "host-checked"), "", giveUp.Token);
        }, giveUp.Token);

        // When
        var (outcome, log) = await PipelineRun.RunAsync(docker, _home, Jenkinsfile, job, config: ConfigLoader.Parse(Config, "containercd.yml"), agents: [isolated]);
        await giveUp.CancelAsync();
        await Task.WhenAny(watcher);

        // Then the body ran in the build's engine with the agent's workspace, user and working directory, and the args
        Assert.True(outcome.Result == BuildResult.Success, log);
        var uid = ContainerFactory.HostUser()?.Split(':')[0];
        Assert.Contains($"seen=written-by-the-agent args=given pwd={workspace} uid={uid}\n", log, StringComparison.Ordinal);
        Assert.Contains("engine-containers=1\n", log, StringComparison.Ordinal);

        // While it ran, the host engine had the agent's and the engine's containers only; at the block's end it was removed
        Assert.True(watcher.IsCompletedSuccessfully, "the body's step never ran: " + log);
        Assert.Equal([ResourceLabels.AgentRole, ResourceLabels.EngineRole], hostRoles);
        Assert.Contains("back=written-inside engine-after=0\n", log, StringComparison.Ordinal);

        // A reuseNode docker agent runs there too, on the same workspace
        Assert.Contains("reuse-engine-containers=1 reuse-seen=written-inside\n", log, StringComparison.Ordinal);
        await AssertNothingOfTheBuildAsync(outcome.BuildId);
    }

    [Fact]
    public async Task InsideAndWithDockerContainer_UseAnImageBuiltInTheIsolatedEngine_AndAnImageItLacksIsNamedWithTheEngine()
    {
        // Given an isolated agent that builds an image in its engine, runs it with inside and withDockerContainer, then
        // asks for an image only the host engine has
        docker.RequireEngine();
        await using var isolated = new IsolatedEngineAgentProvider(docker.Engine, docker.Provider);
        var hostOnly = BaseImages.Debian;
        Assert.True(await docker.HasImageAsync(hostOnly, Token), $"the host engine has {hostOnly} (containercd images bootstrap --debian)");
        var jenkinsfile = $$"""
            pipeline {
              agent { label 'iso' }
              stages {
                stage('built') {
                  steps {
                    sh 'printf "FROM containercd/busybox:latest\nRUN echo made-in-the-engine > /made\n" | docker build -q -t iso-inside-made - >/dev/null'
                    script {
                      docker.image('iso-inside-made').inside { sh 'echo "inside=$(cat /made)"' }
                    }
                    withDockerContainer(image: 'iso-inside-made') { sh 'echo "withDockerContainer=$(cat /made)"' }
                  }
                }
                stage('missing') {
                  steps {
                    script {
                      docker.image('{{hostOnly}}').inside { sh 'echo never-here' }
                    }
                  }
                }
              }
            }
            """;

        // When
        var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "iso-inside-images", config: ConfigLoader.Parse(Config, "containercd.yml"), agents: [isolated]);

        // Then the built image ran both ways, and the host engine's image was not taken: the error names it and the engine
        Assert.True(outcome.Result == BuildResult.Failure, log);
        Assert.Contains("inside=made-in-the-engine\n", log, StringComparison.Ordinal);
        Assert.Contains("withDockerContainer=made-in-the-engine\n", log, StringComparison.Ordinal);
        Assert.Contains($"ERROR: Image '{hostOnly}' is not in the build's isolated Docker engine (docker: isolated, containercd-engine-", log, StringComparison.Ordinal);
        Assert.DoesNotContain("never-here", log, StringComparison.Ordinal);
        Assert.False(await docker.HasImageAsync("iso-inside-made", Token));
        await AssertNothingOfTheBuildAsync(outcome.BuildId);
    }

    [Fact]
    public void SocketFolders_OfAKilledContainercd_AreSwept_ThoseOfLiveProcessesStay()
    {
        // Given the socket folder of an engine of this process, and one whose owner is certainly gone (another boot)
        var mine = EngineSocketDirectory.Create("test" + Guid.NewGuid().ToString("N")[..8]);
        var dead = EngineSocketDirectory.Create("test" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(Path.Combine(dead.Path, "owner"), new OwnerIdentity("another-boot", "pidns", 1, 1).ToString());
        try
        {
            // When the sweep runs
            EngineSocketDirectory.SweepDeadOwners();

            // Then only the dead owner's folder is gone
            Assert.True(Directory.Exists(mine.Path));
            Assert.False(Directory.Exists(dead.Path));
        }
        finally
        {
            mine.Delete();
            dead.Delete();
        }
    }

    private async Task AssertNothingOfTheBuildAsync(string buildId)
    {
        var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Build}={buildId}"] = true } };
        Assert.Empty(await docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, Token));
        Assert.Empty((await docker.Engine.Client.Volumes.ListAsync(new VolumesListParameters { Filters = filter }, Token)).Volumes ?? []);
        Assert.DoesNotContain(Directory.GetDirectories(Path.GetTempPath(), "containercd-engine-*"),
            d => File.Exists(Path.Combine(d, "owner")) && File.ReadAllText(Path.Combine(d, "owner")) == OwnerIdentity.Current.ToString()
                && !Path.GetFileName(d).StartsWith("containercd-engine-test", StringComparison.Ordinal));
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
