using System.Text;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Docker.Ownership;
using ContainerCd.Runtime.Docker.Pipeline;
using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Testing;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests;

/// <summary>Whole pipelines through the engine with the Docker provider and the Docker Pipeline globals.</summary>
[Collection(DockerTests.Name)]
public sealed class PipelineTests(DockerFixture docker) : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("containercd-pipeline-test-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExampleJenkinsfile_RunsGreenAndLeavesNoContainer()
    {
        docker.RequireEngine();
        var directory = Path.Combine(RepositoryRoot(), "examples", "docker");

        var (outcome, log) = await RunAsync(await File.ReadAllTextAsync(Path.Combine(directory, "Jenkinsfile"), Token), "docker-example", directory);

        Assert.True(outcome.Result == BuildResult.Success, log);
        Assert.Contains("busybox agent: BusyBox", log, StringComparison.Ordinal);
        Assert.Contains("debian agent: 12", log, StringComparison.Ordinal);
        Assert.Contains("tool 1.2.3", log, StringComparison.Ordinal);
        Assert.Contains("hello from the app image built inside an agent", log, StringComparison.Ordinal);
        Assert.Empty(await ContainersAsync(outcome.BuildId));
    }

    [Fact]
    public async Task DockerGlobals_BuildInsideWithRunTag_WorkAndLeaveNoContainer()
    {
        docker.RequireEngine();
        var jenkinsfile = $$"""
            pipeline {
                agent any
                stages {
                    stage('Globals') {
                        steps {
                            writeFile file: 'img/Dockerfile', text: 'FROM {{docker.BaseImage}}\nRUN echo baked > /baked.txt\n'
                            script {
                                def img = docker.build("containercd-test/globals:${env.BUILD_NUMBER}", 'img')
                                img.inside('-e IN=inside') {
                                    sh 'echo "inside: $IN $(cat /baked.txt)"; test -f img/Dockerfile'
                                }
                                docker.image('{{docker.BaseImage}}').withRun('-e X=1', 'sleep 60') { c ->
                                    sh "docker exec ${c.id} sh -c 'echo sidecar says \$X'"
                                }
                                echo "tagged ${img.tag('v2')}"
                                sh "docker image rm containercd-test/globals:v2 containercd-test/globals:${env.BUILD_NUMBER}"
                            }
                            withDockerContainer(image: '{{docker.BaseImage}}', args: '-e A=b') {
                                sh 'echo "step container: $A"'
                            }
                        }
                    }
                }
            }
            """;

        var (outcome, log) = await RunAsync(jenkinsfile, "docker-globals", null);

        Assert.True(outcome.Result == BuildResult.Success, log);
        Assert.Contains("inside: inside baked", log, StringComparison.Ordinal);
        Assert.Contains("sidecar says 1", log, StringComparison.Ordinal);
        Assert.Contains("tagged containercd-test/globals:v2", log, StringComparison.Ordinal);
        Assert.Contains("step container: b", log, StringComparison.Ordinal);
        Assert.Contains("[Pipeline] withDockerContainer", log, StringComparison.Ordinal);
        Assert.Empty(await ContainersAsync(outcome.BuildId));
    }

    [Fact]
    public async Task DockerAgent_MissingImage_FailsTheStageWithOneClearLine()
    {
        docker.RequireEngine();
        const string Jenkinsfile = """
            pipeline {
                agent none
                stages {
                    stage('Missing') {
                        agent { docker { image 'containercd-test/nowhere:1' } }
                        steps { sh 'true' }
                    }
                }
            }
            """;

        var (outcome, log) = await RunAsync(Jenkinsfile, "docker-missing", null);

        Assert.Equal(BuildResult.Failure, outcome.Result);
        Assert.Contains("Image 'containercd-test/nowhere:1' is not available locally and cannot be pulled", log, StringComparison.Ordinal);
    }

    private async Task<(BuildOutcome Outcome, string Log)> RunAsync(string jenkinsfile, string job, string? sourceDirectory)
    {
        var observer = new LogObserver();
        var request = new BuildRequest
        {
            Jenkinsfile = new SourceText("Jenkinsfile", jenkinsfile),
            Job = job,
            Home = _home,
            History = new InMemoryBuildHistory(),
            DockerProvider = docker.Provider,
            Extensions = [DockerPipelineExtension.Instance],
            SourceDirectory = sourceDirectory,
        };
        var outcome = await PipelineEngine.RunAsync(request, observer, Token);
        await docker.Provider.RemoveBuildAsync(outcome.BuildId, Token);
        return (outcome, observer.Text);
    }

    private async Task<IList<ContainerListResponse>> ContainersAsync(string buildId) =>
        await docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Build}={buildId}"] = true } },
        }, Token);

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ContainerCd.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ContainerCd.sln not found above " + AppContext.BaseDirectory);
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

    private sealed class LogObserver : IBuildObserver
    {
        private readonly StringBuilder _text = new();

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public void OnEvent(BuildEvent buildEvent)
        {
            if (buildEvent is LogChunk chunk)
            {
                lock (_text)
                {
                    _text.Append(chunk.Text);
                }
            }
        }
    }
}
