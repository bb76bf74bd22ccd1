using ContainerCd.Runtime.Docker.Nodes;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Docker.Tests.Nodes;

/// <summary>
/// A remote node's mirror synced only when this machine's side needs it (issue 14's remote step at 0.1x a raw exec):
/// every step or scope end on this side that reads the workspace here sees what the node's steps left, and what this
/// side writes reaches the node's next step, against a second, real engine (TLS on 127.0.0.1) that cannot see this
/// machine's folders.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class RemoteNodeLazySyncTests(DockerFixture docker) : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("containercd-node-lazy-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FileStepsAfterNodeSteps_InTheStageInDirInPostAndInALaterHostStage_SeeTheNodesLatestFiles()
    {
        // Given a stage on the node whose file steps, here, each follow a sh step there, and whose last step (in post) is a
        // sh step: its file reaches this machine only with the agent's release
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        await using var engine = await SecondEngine.StartAsync([_home], Token);
        await using var nodes = RemoteNodes.Create(NodeConfig.For(engine), docker.Engine);
        const string jenkinsfile = """
            pipeline {
              agent none
              stages {
                stage('remote') {
                  agent { label 'remote' }
                  steps {
                    sh 'echo a > f'
                    script { echo "readFile: ${readFile('f').trim()} exists: ${fileExists('f')}" }
                    writeFile file: 'w.txt', text: 'written here\n'
                    sh 'echo "sh saw: $(cat w.txt)"'
                    dir('sub') {
                      sh 'echo in-sub > s.txt'
                      script { echo "in dir: ${readFile('s.txt').trim()}" }
                    }
                    sh 'echo artifact-from-node > art.txt; echo stashed-from-node > st.txt; printf \'<testsuite name="s" tests="1" failures="1"><testcase classname="c" name="bad"><failure message="no"/></testcase></testsuite>\' > report.xml'
                    archiveArtifacts artifacts: 'art.txt'
                    junit 'report.xml'
                    stash name: 'steps', includes: 'st.txt'
                    sh 'echo post-artifact > post.txt; echo post-stash > ps.txt; cp report.xml post-report.xml; echo last-on-node > last.txt'
                  }
                  post {
                    always {
                      archiveArtifacts artifacts: 'post.txt'
                      junit 'post-report.xml'
                      stash name: 'post', includes: 'ps.txt'
                      sh 'echo final-on-node > final.txt'
                    }
                  }
                }
                stage('host') {
                  agent any
                  steps {
                    unstash 'steps'
                    unstash 'post'
                    sh 'echo "host sees: $(cat last.txt final.txt st.txt ps.txt | xargs)"'
                  }
                }
              }
            }
            """;

        // When it runs
        var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "nodes-lazy", config: NodeConfig.For(engine), agents: [new RemoteNodeAgentProvider(nodes)]);

        // Then each file step here saw the node's files, the node saw the one written here, and the host stage (and the
        // workspace folder after the build) has the node's last files
        Assert.True(outcome.Result == BuildResult.Unstable, log); // both reports read (a missing one fails junit): their failed tests, nothing else
        Assert.Contains("readFile: a exists: true", log, StringComparison.Ordinal);
        Assert.Contains("sh saw: written here", log, StringComparison.Ordinal);
        Assert.Contains("in dir: in-sub", log, StringComparison.Ordinal);
        Assert.Contains("host sees: last-on-node final-on-node stashed-from-node post-stash", log, StringComparison.Ordinal);
        var artifacts = Path.Combine(_home, "artifacts", "nodes-lazy", outcome.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("artifact-from-node\n", File.ReadAllText(Path.Combine(artifacts, "art.txt")));
        Assert.Equal("post-artifact\n", File.ReadAllText(Path.Combine(artifacts, "post.txt")));
        Assert.Equal("final-on-node\n", File.ReadAllText(Path.Combine(_home, "workspace", "nodes-lazy", "final.txt")));
    }

    [Fact]
    public async Task ParallelBranchWritingOnTheNodeWhileAnotherReadsAndWritesHere_LosesNothing()
    {
        // Given branch a writing files on the node, one at a time, while branch b writes and reads files here
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        await using var engine = await SecondEngine.StartAsync([_home], Token);
        await using var nodes = RemoteNodes.Create(NodeConfig.For(engine), docker.Engine);
        const string jenkinsfile = """
            pipeline {
              agent { label 'remote' }
              stages {
                stage('both') {
                  parallel {
                    stage('a') {
                      steps {
                        sh 'for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo a$i > a-$i.txt; sleep 0.1; done'
                      }
                    }
                    stage('b') {
                      steps {
                        script {
                          for (int i = 1; i <= 8; i++) {
                            writeFile file: "b-${i}.txt", text: "b${i}\n"
                            echo "b read: ${readFile("b-${i}.txt").trim()}"
                          }
                        }
                      }
                    }
                  }
                }
                stage('after') {
                  steps {
                    sh 'echo "node has: $(cat a-*.txt b-*.txt | sort | xargs)"'
                    script {
                      def here = []
                      for (int i = 1; i <= 12; i++) {
                        here << readFile("a-${i}.txt").trim()
                      }
                      echo "here: ${here.join(' ')}"
                    }
                  }
                }
              }
            }
            """;

        // When it runs
        var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "nodes-lazy-parallel", config: NodeConfig.For(engine), agents: [new RemoteNodeAgentProvider(nodes)]);

        // Then every file is on both sides with its content
        Assert.True(outcome.Result == BuildResult.Success, log);
        Assert.Contains("b read: b8", log, StringComparison.Ordinal);
        var a = Enumerable.Range(1, 12).Select(i => $"a{i}").ToList();
        var b = Enumerable.Range(1, 8).Select(i => $"b{i}").ToList();
        Assert.Contains("node has: " + string.Join(' ', a.Concat(b).Order(StringComparer.Ordinal)), log, StringComparison.Ordinal);
        Assert.Contains("here: " + string.Join(' ', a), log, StringComparison.Ordinal);
        var workspace = Path.Combine(_home, "workspace", "nodes-lazy-parallel");
        Assert.All(a.Concat(b), name => Assert.Equal(name + "\n", File.ReadAllText(Path.Combine(workspace, $"{name[0]}-{name[1..]}.txt"))));
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
