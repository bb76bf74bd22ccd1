using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Docker.Pipeline;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Testing;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// Links made inside a Docker agent, in the workspace it shares with the host at the same path: file steps on the
/// host side judge them against the workspace, so a link to the container's /etc/hostname never brings the host's.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class WorkspaceLinkTests(DockerFixture docker) : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("containercd-links-test-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LinksMadeInAContainer_ArchiveStashAndReadFile_NeverReachTheHost()
    {
        docker.RequireEngine();
        var jenkinsfile = $$"""
            pipeline {
                agent { docker { image '{{docker.BaseImage}}' } }
                stages {
                    stage('links') {
                        steps {
                            sh '''
                                mkdir -p out
                                echo hi > out/real.txt
                                ln -s real.txt out/in
                                ln -s /etc/hostname out/h
                                ln -s /etc out/etc
                                ln -s missing.txt out/dangling
                            '''
                            archiveArtifacts 'out/**'
                            stash name: 'out', includes: 'out/**'
                            script {
                                try {
                                    readFile 'out/h'
                                } catch (e) {
                                    echo "refused: ${e.message}"
                                }
                            }
                        }
                    }
                }
            }
            """;

        var (outcome, log) = await RunAsync(jenkinsfile, "links");

        Assert.True(outcome.Result == BuildResult.Success, log);
        var artifacts = Path.Combine(_home, "artifacts", "links", "1");
        Assert.Equal(["out/in", "out/real.txt"], Directory.EnumerateFiles(artifacts, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(artifacts, f)).Order(StringComparer.Ordinal));
        Assert.Contains("WARNING: Skipped out/h: a symbolic link to /etc/hostname, outside the workspace\n", log, StringComparison.Ordinal);
        Assert.Contains("WARNING: Skipped out/etc: a symbolic link to /etc, outside the workspace\n", log, StringComparison.Ordinal);
        Assert.Contains("WARNING: Skipped out/dangling: a symbolic link to missing.txt, which does not exist\n", log, StringComparison.Ordinal);
        Assert.Contains("Stashed 2 file(s)", log, StringComparison.Ordinal);
        Assert.Contains("refused: ‘out/h’ is outside the workspace: out/h is a symbolic link to /etc/hostname", log, StringComparison.Ordinal);
        Assert.EndsWith("Finished: SUCCESS\n", log, StringComparison.Ordinal);
    }

    private async Task<(BuildOutcome Outcome, string Log)> RunAsync(string jenkinsfile, string job)
    {
        var observer = new RecordingObserver();
        var request = new BuildRequest
        {
            Jenkinsfile = new SourceText("Jenkinsfile", jenkinsfile),
            Job = job,
            Home = _home,
            History = new InMemoryBuildHistory(),
            Agents = [ContainerCd.Runtime.Agents.Host.HostAgentProvider.Instance, docker.Provider],
            Extensions = [DockerPipelineExtension.Instance],
        };
        var outcome = await PipelineEngine.RunAsync(request, observer, Token);
        return (outcome, observer.Log);
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
