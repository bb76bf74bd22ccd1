using ContainerCd.Runtime.Docker.Ownership;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Results;
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
    public async Task ExampleConfig_JenkinsfileUsingEverySection_RunsGreenAndLeavesNoContainer()
    {
        docker.RequireEngine();
        var directory = Path.Combine(RepositoryRoot(), "examples", "config");
        var config = ContainerCd.Runtime.Pipeline.Configuration.ConfigLoader.Load(Path.Combine(directory, "containercd.yml"));

        var (outcome, log) = await RunAsync(await File.ReadAllTextAsync(Path.Combine(directory, "Jenkinsfile"), Token), "config-example", directory, config);

        Assert.True(outcome.Result == BuildResult.Success, log);
        Assert.Contains("Hello, ContainerCd, from the example library", log, StringComparison.Ordinal);
        Assert.Contains("on linux-host for staging; git home /usr; git version", log, StringComparison.Ordinal);
        Assert.Contains("token ****, registry user ****", log, StringComparison.Ordinal);
        Assert.DoesNotContain("example-token-not-a-real-one", log, StringComparison.Ordinal);
        Assert.Contains("settings file has 37 bytes", log, StringComparison.Ordinal);
        Assert.Contains("in a container of the config image: container, FROM_CONFIG=yes", log, StringComparison.Ordinal);
        Assert.Contains("Skipped slackSend", log, StringComparison.Ordinal);
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

    [Fact]
    public async Task NewContainerPerStage_EachStageGetsItsOwnContainerOnTheSameWorkspace()
    {
        docker.RequireEngine();
        // Each stage prints its container's hostname (the container id) and the workspace it sees; files
        // written by one stage are there for the next (same workspace), while /tmp is the container's own.
        var jenkinsfile = $$"""
            pipeline {
                agent { docker { image '{{docker.BaseImage}}' } }
                options { newContainerPerStage() }
                stages {
                    stage('One') {
                        steps {
                            sh 'echo "one host=$(hostname) ws=$PWD"; echo from-one > shared.txt; echo mine > /tmp/private.txt'
                        }
                    }
                    stage('Two') {
                        steps {
                            sh 'echo "two host=$(hostname) ws=$PWD"; echo "two reads $(cat shared.txt)"; test ! -e /tmp/private.txt && echo "two has a fresh /tmp"'
                        }
                    }
                    stage('Group') {
                        stages {
                            stage('Inner') { steps { sh 'echo "inner host=$(hostname) ws=$PWD"' } }
                        }
                    }
                }
                post { always { sh 'echo "post host=$(hostname) ws=$PWD"' } }
            }
            """;

        var (outcome, log) = await RunAsync(jenkinsfile, "per-stage", null);

        Assert.True(outcome.Result == BuildResult.Success, log);
        var one = Field(log, "one host=");
        var two = Field(log, "two host=");
        var inner = Field(log, "inner host=");
        Assert.Equal(3, new[] { one.Host, two.Host, inner.Host }.Distinct().Count());
        Assert.Equal(Path.Combine(_home, "workspace", "per-stage"), one.Workspace);
        Assert.Equal(one.Workspace, two.Workspace);
        Assert.Equal(one.Workspace, inner.Workspace);
        Assert.Contains("two reads from-one", log, StringComparison.Ordinal);
        Assert.Contains("two has a fresh /tmp", log, StringComparison.Ordinal);
        Assert.Equal(Environment.MachineName, Field(log, "post host=").Host);
        Assert.Equal(3, CountOccurrences(log, "[Pipeline] withDockerContainer\n"));
        Assert.Equal(1, CountOccurrences(log, "[Pipeline] node\n"));
        Assert.Empty(await ContainersAsync(outcome.BuildId));
    }

    [Fact]
    public async Task StageDockerAgent_ReuseNode_RunsInTheTopLevelWorkspace_WithoutItANewOne()
    {
        docker.RequireEngine();
        var jenkinsfile = $$"""
            pipeline {
                agent any
                stages {
                    stage('Host') { steps { sh 'echo "host ws=$PWD"; echo from-host > shared.txt' } }
                    stage('Reused') {
                        agent { docker { image '{{docker.BaseImage}}'; reuseNode true } }
                        steps { sh 'echo "reused host=$(hostname) ws=$PWD"; echo "reused reads $(cat shared.txt)"' }
                    }
                    stage('Own') {
                        agent { docker { image '{{docker.BaseImage}}' } }
                        steps { sh 'echo "own ws=$PWD"; test ! -e shared.txt && echo "own has a workspace of its own"' }
                    }
                }
            }
            """;

        var (outcome, log) = await RunAsync(jenkinsfile, "reuse", null);

        Assert.True(outcome.Result == BuildResult.Success, log);
        var workspace = Path.Combine(_home, "workspace", "reuse");
        Assert.Contains($"host ws={workspace}\n", log, StringComparison.Ordinal);
        var reused = Field(log, "reused host=");
        Assert.Equal(workspace, reused.Workspace);
        Assert.NotEqual(Environment.MachineName, reused.Host);
        Assert.Contains("reused reads from-host", log, StringComparison.Ordinal);
        Assert.Contains($"own ws={workspace}@2\n", log, StringComparison.Ordinal);
        Assert.Contains("own has a workspace of its own", log, StringComparison.Ordinal);
        Assert.Empty(await ContainersAsync(outcome.BuildId));
    }

    private static (string Host, string Workspace) Field(string log, string prefix)
    {
        var match = System.Text.RegularExpressions.Regex.Match(log, "(?m)^" + System.Text.RegularExpressions.Regex.Escape(prefix) + "(\\S+) ws=(\\S+)$");
        Assert.True(match.Success, $"no line '{prefix}...' in\n{log}");
        return (match.Groups[1].Value, match.Groups[2].Value);
    }

    private static int CountOccurrences(string text, string value)
    {
        var count = 0;
        for (var index = text.IndexOf(value, StringComparison.Ordinal); index >= 0; index = text.IndexOf(value, index + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private Task<(BuildOutcome Outcome, string Log)> RunAsync(string jenkinsfile, string job, string? sourceDirectory,
        ContainerCd.Runtime.Pipeline.Configuration.RuntimeConfig? config = null) =>
        PipelineRun.RunAsync(docker, _home, jenkinsfile, job, sourceDirectory, config);

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
}
