using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Tests.Scm;

namespace ContainerCd.Docker.Tests;

/// <summary>Checkouts in Docker agents: the working copy is made on the host in the bind-mounted workspace, and the container sees it, .git included.</summary>
[Collection(DockerTests.Name)]
public sealed class GitCheckoutTests(DockerFixture docker) : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("containercd-git-test-").FullName;
    private readonly TestRepository _repository = new();

    [Fact]
    public async Task DockerAgent_AutomaticCheckoutAndGitStep_WorkingCopiesAreInTheContainer()
    {
        // Given a project working copy (the Jenkinsfile's folder) and a second repository
        docker.RequireEngine();
        var project = new TestRepository("project");
        var projectHead = project.Commit("project", ("project.txt", "from the project\n"));
        var other = _repository.Commit("other", ("other.txt", "from the other repository\n"));
        _repository.Push();
        var jenkinsfile = $$"""
            pipeline {
                agent { docker { image 'containercd/busybox:latest' } }
                stages {
                    stage('s') {
                        steps {
                            sh 'set +x; echo "COMMIT=$GIT_COMMIT"; cat project.txt; cat .git/HEAD'
                            dir('other') {
                                git url: '{{_repository.Url}}', branch: 'main'
                                sh 'set +x; cat other.txt; cat .git/HEAD; cat .git/refs/heads/main'
                            }
                        }
                    }
                }
            }
            """;

        // When
        var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "git-in-docker", project.Work);

        // Then
        Assert.True(outcome.Result == BuildResult.Success, log);
        Assert.Contains($"COMMIT={projectHead}\nfrom the project\nref: refs/heads/main\n", log, StringComparison.Ordinal);
        Assert.Contains($"from the other repository\nref: refs/heads/main\n{other}\n", log, StringComparison.Ordinal);
        project.Dispose();
    }

    public void Dispose()
    {
        _repository.Dispose();
        Directory.Delete(_home, true);
    }
}
