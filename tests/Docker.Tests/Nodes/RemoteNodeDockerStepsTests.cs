using ContainerCd.Docker.Tests.Delivery;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Runtime.Delivery.Deploying;
using ContainerCd.Runtime.Delivery.Steps;
using ContainerCd.Runtime.Docker.Compose;
using ContainerCd.Runtime.Docker.Nodes;
using ContainerCd.Runtime.Results;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests.Nodes;

/// <summary>
/// Docker operations in a stage on a remote node follow the node's engine: <c>docker.image().inside</c> runs its container
/// there with the node's workspace; what cannot (the docker CLI commands, the delivery steps) is refused naming the node,
/// and this machine's engine gets nothing.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class RemoteNodeDockerStepsTests(DockerFixture docker) : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("containercd-node-docker-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task InsideOnARemoteNode_RunsOnTheNodesEngineWithTheNodesWorkspace_AndThisMachineShowsNone()
    {
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        await using var engine = await SecondEngine.StartAsync([_home], Token);
        await using var nodes = RemoteNodes.Create(NodeConfig.For(engine), docker.Engine);
        var key = Guid.NewGuid().ToString("N")[..10];
        var jenkinsfile = $$"""
            pipeline {
              agent { label 'remote' }
              stages {
                stage('inside') {
                  steps {
                    sh 'echo from-the-node-agent > outer.txt'
                    script {
                      docker.image('containercd/busybox:latest').inside('--label containercd-test-inside={{key}}') {
                        sh 'cat outer.txt; echo written-inside > inner.txt; i=0; while [ ! -f /tmp/checked ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done; test -f /tmp/checked'
                      }
                    }
                    sh 'cat inner.txt'
                  }
                }
              }
            }
            """;

        // When the build runs, its inside container appears on the node's engine (and not on this machine's)
        var run = PipelineRun.RunAsync(docker, _home, jenkinsfile, "nodes-inside", config: NodeConfig.For(engine), agents: [new RemoteNodeAgentProvider(nodes)]);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        string id;
        while ((id = (await engine.DockerAsync($"ps -q --filter label=containercd-test-inside={key}")).Trim()).Length == 0)
        {
            Assert.False(run.IsCompleted, run.IsCompleted ? (await run).Log : "");
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "no inside container on the node within 60 s");
            await Task.Delay(200, Token);
        }

        var here = await docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"containercd-test-inside={key}"] = true } },
        }, Token);
        await engine.DockerAsync($"exec {id} touch /tmp/checked");
        var (outcome, log) = await run.WaitAsync(TimeSpan.FromSeconds(90), Token);

        // Then it ran there, saw the node agent's files, and what it wrote is in the workspace after it
        Assert.Empty(here);
        Assert.True(outcome.Result == BuildResult.Success, log);
        Assert.Contains("from-the-node-agent\n", log, StringComparison.Ordinal);
        Assert.Contains("+ cat inner.txt\nwritten-inside\n", log, StringComparison.Ordinal);
        Assert.Equal("written-inside\n", File.ReadAllText(Path.Combine(_home, "workspace", "nodes-inside", "inner.txt")));
        Assert.Equal("", (await engine.DockerAsync("ps -aq")).Trim());
        Assert.Equal("", (await engine.DockerAsync("volume ls -q")).Trim());
    }

    [Fact]
    public async Task DockerBuildAndComposeDeployOnARemoteNode_AreRefusedNamingTheNode_AndNeitherEngineGetsAnything()
    {
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        await using var engine = await SecondEngine.StartAsync([_home], Token);
        await using var nodes = RemoteNodes.Create(NodeConfig.For(engine), docker.Engine);
        var project = "nodes-refused-" + Guid.NewGuid().ToString("N")[..8];
        var compose = new DockerComposeEngine(docker.Engine, TimeProvider.System);
        var router = new RecordingRouter();
        const string build = """
            pipeline {
              agent { label 'remote' }
              stages {
                stage('build') {
                  steps {
                    writeFile file: 'Dockerfile', text: 'FROM containercd/busybox:latest\n'
                    script { docker.build('containercd-nodes-refused:1') }
                  }
                }
              }
            }
            """;
        var deploy = $$"""
            pipeline {
              agent { label 'remote' }
              stages {
                stage('deploy') {
                  steps {
                    writeFile file: 'compose.yml', text: 'services:\n  web:\n    image: containercd/busybox:latest\n    command: ["sleep", "300"]\n'
                    composeDeploy file: 'compose.yml', project: '{{project}}'
                  }
                }
              }
            }
            """;
        try
        {
            // When each runs on the node
            var (built, buildLog) = await PipelineRun.RunAsync(docker, _home, build, "nodes-refused-build", config: NodeConfig.For(engine), agents: [new RemoteNodeAgentProvider(nodes)]);
            var (deployed, deployLog) = await PipelineRun.RunAsync(docker, _home, deploy, "nodes-refused-deploy", config: NodeConfig.For(engine), agents: [new RemoteNodeAgentProvider(nodes)],
                extensions: [new DeliveryPipelineExtension(compose, router)]);

            // Then each fails with the refusal, and neither engine has the image or the deployment
            Assert.True(built.Result == BuildResult.Failure, buildLog);
            Assert.Contains(DiagnosticCatalog.DockerCommandOnRemoteNodeMessage("docker.build", NodeConfig.Name), buildLog, StringComparison.Ordinal);
            Assert.EndsWith("Finished: FAILURE\n", buildLog, StringComparison.Ordinal);
            Assert.True(deployed.Result == BuildResult.Failure, deployLog);
            Assert.Contains(DiagnosticCatalog.DeliveryOnRemoteNodeMessage("composeDeploy", NodeConfig.Name), deployLog, StringComparison.Ordinal);
            Assert.EndsWith("Finished: FAILURE\n", deployLog, StringComparison.Ordinal);
            Assert.False(await docker.HasImageAsync("containercd-nodes-refused:1", Token));
            Assert.Empty(await compose.ListAsync(project, Token));
            Assert.Empty(router.Applied);
            Assert.Equal("", (await engine.DockerAsync("images -q containercd-nodes-refused")).Trim());
            Assert.Equal("", (await engine.DockerAsync("ps -aq")).Trim());
        }
        finally
        {
            // Old code deployed on this machine's engine: what it deployed does not outlive the test.
            await new ComposeDeployer(compose, router, new RecordingReport()).DownAsync(project, CancellationToken.None);
        }
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
    }
}
