using System.Security.Cryptography;
using ContainerCd.Runtime.Docker.Nodes;
using ContainerCd.Runtime.Docker.Ownership;
using ContainerCd.Runtime.Results;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests.Nodes;

/// <summary>The bar: whole pipelines with a stage on the host and one on a second, real engine (TLS on 127.0.0.1) that cannot see the server's disk.</summary>
[Collection(DockerTests.Name)]
public sealed class RemoteNodePipelineTests(DockerFixture docker) : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("containercd-node-home-").FullName;
    private readonly string _source = Directory.CreateTempSubdirectory("containercd-node-src-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HostStageThenRemoteStage_SeesCheckoutUnstashesArchivesByteIdenticalAndLeavesNothing()
    {
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        File.WriteAllText(Path.Combine(_source, "checked-out.txt"), "from the repository\n");
        await using var engine = await SecondEngine.StartAsync([_home, _source], Token);
        await using var nodes = RemoteNodes.Create(NodeConfig.For(engine), docker.Engine);
        const string jenkinsfile = """
            pipeline {
              agent none
              stages {
                stage('host') {
                  agent any
                  steps {
                    sh 'head -c 65536 /dev/urandom > blob.bin && echo made-on-host > note.txt'
                    stash name: 'made', includes: 'blob.bin,note.txt'
                  }
                }
                stage('remote') {
                  agent { label 'remote' }
                  steps {
                    unstash 'made'
                    sh 'echo "node=$NODE_NAME host=$(hostname)"; cat checked-out.txt; cat note.txt; sha256sum blob.bin > blob.sha; cat blob.bin blob.sha > out.bin'
                    archiveArtifacts artifacts: 'out.bin'
                  }
                }
              }
            }
            """;

        var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "nodes-bar", sourceDirectory: _source, config: NodeConfig.For(engine), agents: [new RemoteNodeAgentProvider(nodes)]);

        Assert.True(outcome.Result == BuildResult.Success, log);
        Assert.Contains("node=remote-1 host=", log, StringComparison.Ordinal);
        Assert.DoesNotContain($"host={Environment.MachineName}", log, StringComparison.Ordinal);
        Assert.Contains("from the repository", log, StringComparison.Ordinal);
        Assert.Contains("made-on-host", log, StringComparison.Ordinal);
        var blob = File.ReadAllBytes(Path.Combine(_home, "workspace", "nodes-bar", "blob.bin"));
        var archived = File.ReadAllBytes(Path.Combine(_home, "artifacts", "nodes-bar", outcome.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), "out.bin"));
        var expected = blob.Concat(System.Text.Encoding.ASCII.GetBytes($"{Convert.ToHexStringLower(SHA256.HashData(blob))}  blob.bin\n")).ToArray();
        Assert.Equal(expected, archived);
        Assert.Equal("", (await engine.DockerAsync("ps -aq")).Trim());
        Assert.Equal("", (await engine.DockerAsync("volume ls -q")).Trim());
        Assert.Empty(await docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Job}=nodes-bar"] = true } },
        }, Token));
    }

    [Fact]
    public async Task RemoteEngineKilledMidStage_BuildFailsNamingTheNodeAndTheNextHostBuildRuns()
    {
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        await using var engine = await SecondEngine.StartAsync([_home], Token);
        await using var nodes = RemoteNodes.Create(NodeConfig.For(engine), docker.Engine);
        const string remote = """
            pipeline {
              agent { label 'remote' }
              stages {
                stage('long') {
                  steps {
                    sh 'touch started; sleep 120'
                  }
                }
              }
            }
            """;

        var run = PipelineRun.RunAsync(docker, _home, remote, "nodes-lost", config: NodeConfig.For(engine), agents: [new RemoteNodeAgentProvider(nodes)]);
        var started = Path.Combine(_home, "workspace", "nodes-lost", "started");
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(120);
        while (!await ExistsOnNodeAsync(engine, started))
        {
            Assert.False(run.IsCompleted, run.IsCompleted ? (await run).Log : "");
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "the remote step did not start within 120 s");
            await Task.Delay(200, Token);
        }

        await engine.KillAsync();
        var (outcome, log) = await run.WaitAsync(TimeSpan.FromSeconds(90), Token);
        var (next, nextLog) = await PipelineRun.RunAsync(docker, _home, "pipeline { agent any\n stages { stage('s') { steps { sh 'echo host-build-ok' } } } }", "nodes-next", config: NodeConfig.For(engine),
            agents: [new RemoteNodeAgentProvider(nodes)]);

        Assert.Equal(BuildResult.Failure, outcome.Result);
        Assert.Contains($"Cannot contact {NodeConfig.Name}: the Docker engine at {engine.Endpoint} does not answer", log, StringComparison.Ordinal);
        Assert.EndsWith("Finished: FAILURE\n", log, StringComparison.Ordinal);
        Assert.Equal(BuildResult.Success, next.Result);
        Assert.Contains("host-build-ok", nextLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParallelBranchesOnOneRemoteAgentThenFileSteps_LoseNothingAndSeeTheNodesLatestState()
    {
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
                  stages {
                    stage('both') {
                      parallel {
                        stage('a') {
                          steps {
                            sh 'for i in 1 2 3 4 5 6; do echo a$i > a-$i.txt; sleep 0.1; done'
                            writeFile file: 'wa.txt', text: 'written in a\n'
                            sh 'cat wa.txt > wa.out'
                          }
                        }
                        stage('b') {
                          steps {
                            sh 'for i in 1 2 3 4 5 6; do echo b$i > b-$i.txt; sleep 0.1; done'
                            writeFile file: 'wb.txt', text: 'written in b\n'
                            sh 'cat wb.txt > wb.out'
                          }
                        }
                      }
                    }
                    stage('files') {
                      steps {
                        sh 'echo made-on-node > made.txt; printf \'<testsuite name="s" tests="2" failures="1"><testcase classname="c" name="ok"/><testcase classname="c" name="bad"><failure message="no"/></testcase></testsuite>\' > report.xml'
                        script {
                          echo "read: ${readFile('made.txt').trim()} exists: ${fileExists('made.txt')} gone: ${fileExists('nothing.txt')}"
                        }
                        sh 'rm made.txt; echo remade > made.txt'
                        script {
                          echo "read again: ${readFile('made.txt').trim()}"
                        }
                        junit 'report.xml'
                        stash name: 'from-node', includes: 'made.txt,a-*.txt,b-*.txt,*.out'
                        archiveArtifacts artifacts: '*.out'
                      }
                    }
                  }
                }
                stage('host') {
                  agent any
                  steps {
                    unstash 'from-node'
                    sh 'echo "on host: $(cat made.txt a-*.txt b-*.txt wa.out wb.out | xargs)"'
                  }
                }
              }
            }
            """;

        var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "nodes-parallel", config: NodeConfig.For(engine), agents: [new RemoteNodeAgentProvider(nodes)]);

        Assert.True(outcome.Result == BuildResult.Unstable, log); // junit read the node's report: its failed test, nothing else
        Assert.Contains("read: made-on-node exists: true gone: false", log, StringComparison.Ordinal);
        Assert.Contains("read again: remade", log, StringComparison.Ordinal);
        Assert.Contains("on host: remade a1 a2 a3 a4 a5 a6 b1 b2 b3 b4 b5 b6 written in a written in b", log, StringComparison.Ordinal);
        var artifacts = Path.Combine(_home, "artifacts", "nodes-parallel", outcome.Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("written in a\n", File.ReadAllText(Path.Combine(artifacts, "wa.out")));
        Assert.Equal("written in b\n", File.ReadAllText(Path.Combine(artifacts, "wb.out")));
    }

    /// <summary>Whether a container on the node has the file (the workspace has the same path there): the step is under way.</summary>
    private static async Task<bool> ExistsOnNodeAsync(SecondEngine engine, string path)
    {
        foreach (var id in (await engine.DockerAsync("ps -q")).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if ((await ProcessRun.RunAsync("docker", ["-H", engine.Socket, "exec", id, "test", "-e", path], null, CancellationToken.None)).Code == 0)
            {
                return true;
            }
        }

        return false;
    }

    public void Dispose()
    {
        foreach (var directory in new[] { _home, _source })
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
