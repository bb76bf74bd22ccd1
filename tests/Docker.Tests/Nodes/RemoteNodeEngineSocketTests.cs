using ContainerCd.Runtime.Delivery.Registry;
using ContainerCd.Runtime.Docker.Nodes;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Docker.Tests.Nodes;

/// <summary>
/// A node that names its own engine's socket (<c>socket:</c>): the docker global's CLI operations and <c>sh 'docker ...'</c>
/// in a stage there run on the node's engine (never this machine's), what they start goes with the build, and a socket that
/// is not the node's engine is refused naming the node, the socket and both engines.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class RemoteNodeEngineSocketTests(DockerFixture docker) : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("containercd-node-socket-").FullName;
    private readonly string _key = Guid.NewGuid().ToString("N")[..10];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DockerBuildWithRunAndDockerPs_OnANodeWithItsSocket_RunOnTheNodesEngine_AndWhatTheyStartGoesWithTheBuild()
    {
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        await using var engine = await SecondEngine.StartAsync([_home], Token);
        var config = NodeConfig.WithSocket(engine, engine.SocketPath);
        await using var nodes = RemoteNodes.Create(config, docker.Engine);
        var tag = $"containercd-node-socket-{_key}:1";
        var jenkinsfile = $$$"""
            pipeline {
              agent { label 'remote' }
              stages {
                stage('docker') {
                  steps {
                    writeFile file: 'Dockerfile', text: 'FROM containercd/busybox:latest\nRUN echo built-on-the-node > /built.txt\n'
                    sh 'docker info --format "engine={{.Name}}"'
                    script {
                      def img = docker.build('{{{tag}}}')
                      img.withRun('--label containercd-test-socket={{{_key}}}', "sh -c 'trap exit TERM; while :; do sleep 1; done'") { c ->
                        sh "docker exec ${c.id} cat /built.txt"
                        sh "test \"\$(docker ps -q --no-trunc --filter label=containercd-test-socket={{{_key}}})\" = ${c.id} && echo docker-ps-shows-the-run-container"
                      }
                      docker.image('containercd/busybox:latest').run('--label containercd-test-left={{{_key}}}', 'sleep 300')
                    }
                    sh 'docker run -d --label containercd-test-left={{{_key}}} containercd/busybox:latest sleep 300'
                    sh '[ $(docker ps -q --filter label=containercd-test-left={{{_key}}} | wc -l) -eq 2 ] && echo two-left-running'
                  }
                }
              }
            }
            """;

        // When the build runs on the node
        var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "node-socket", config: config, agents: [new RemoteNodeAgentProvider(nodes)]);

        // Then docker reached the node's engine: the image is there and not here, withRun's container ran there and docker ps saw it
        Assert.True(outcome.Result == BuildResult.Success, log);
        Assert.Contains("engine=" + (await engine.DockerAsync("info --format {{.Name}}")).Trim() + "\n", log, StringComparison.Ordinal);
        Assert.Contains("built-on-the-node\n", log, StringComparison.Ordinal);
        Assert.Contains("docker-ps-shows-the-run-container\n", log, StringComparison.Ordinal);
        Assert.Contains("two-left-running\n", log, StringComparison.Ordinal);
        Assert.NotEqual("", (await engine.DockerAsync($"images -q {tag}")).Trim());
        Assert.False(await docker.HasImageAsync(tag, Token));

        // And the containers it started (left running by image.run and docker run) went with the build; the CLI's volume stays
        Assert.Equal("", (await engine.DockerAsync("ps -aq")).Trim());
        Assert.StartsWith("containercd-docker-cli-", (await engine.DockerAsync("volume ls -q")).Trim(), StringComparison.Ordinal);
        Assert.Single((await engine.DockerAsync("volume ls -q")).Trim().Split('\n'));
    }

    [Fact]
    public async Task TheCli_GoesToTheNodeOnce_AndAgainWhenItsVolumeIsGone()
    {
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        await using var engine = await SecondEngine.StartAsync([_home], Token);
        var config = NodeConfig.WithSocket(engine, engine.SocketPath);
        await using var nodes = RemoteNodes.Create(config, docker.Engine);
        const string jenkinsfile = """
            pipeline {
              agent { label 'remote' }
              stages {
                stage('docker') { steps { sh 'docker version --format "server={{.Server.Version}}"' } }
              }
            }
            """;
        var socket = nodes.Nodes[0].EngineSocket!;

        // When two builds run on the node, then its CLI volume is removed and a third runs
        var first = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "node-socket-cli", config: config, agents: [new RemoteNodeAgentProvider(nodes)]);
        var second = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "node-socket-cli", config: config, agents: [new RemoteNodeAgentProvider(nodes)]);
        var uploadsBefore = socket.CliUploads;
        await engine.DockerAsync("volume rm " + (await engine.DockerAsync("volume ls -q")).Trim());
        var third = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "node-socket-cli", config: config, agents: [new RemoteNodeAgentProvider(nodes)]);

        // Then each reached the node's engine; the CLI went there once for both first builds, and once more after the loss
        foreach (var (outcome, log) in new[] { first, second, third })
        {
            Assert.True(outcome.Result == BuildResult.Success, log);
            Assert.Contains("server=", log, StringComparison.Ordinal);
        }

        Assert.Equal((1, 2), (uploadsBefore, socket.CliUploads));
    }

    [Fact]
    public async Task ASocketThatIsNotTheNodesEngine_FailsTheDockerOperationNamingTheNodeTheSocketAndBothEngines_AndThisMachineGetsNothing()
    {
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        Assert.SkipUnless(docker.Engine.Endpoint.SocketPath is not null, "this machine's engine is not reached through a unix socket");
        await using var engine = await SecondEngine.StartAsync([_home], Token);

        // Given a node on this machine whose config names this machine's engine socket, by mistake
        var mistaken = docker.Engine.Endpoint.SocketPath!;
        var config = NodeConfig.WithSocket(engine, mistaken);
        await using var nodes = RemoteNodes.Create(config, docker.Engine);
        var tag = $"containercd-node-wrong-{_key}:1";
        var jenkinsfile = $$"""
            pipeline {
              agent { label 'remote' }
              stages {
                stage('docker') {
                  steps {
                    writeFile file: 'Dockerfile', text: 'FROM containercd/busybox:latest\n'
                    script { docker.build('{{tag}}') }
                  }
                }
              }
            }
            """;

        // When a build runs docker.build there
        var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "node-socket-wrong", config: config, agents: [new RemoteNodeAgentProvider(nodes)]);

        // Then it fails naming the node, the socket and both engines, and neither engine has the image
        var here = await docker.Engine.Client.System.GetSystemInfoAsync(Token);
        var node = (await engine.DockerAsync("info --format {{.ID}}|{{.Name}}")).Trim().Split('|');
        Assert.True(outcome.Result == BuildResult.Failure, log);
        Assert.Contains($"ERROR: docker.build cannot run on the remote node '{NodeConfig.Name}': its socket {mistaken} (socket: in its engines: entry) is not that node's Docker engine: "
            + $"through it answers the engine '{here.Name}' (ID {here.ID}), while the node's engine at {engine.Endpoint} is '{node[1]}' (ID {node[0]})", log, StringComparison.Ordinal);
        Assert.Contains($"The socket {mistaken} of {NodeConfig.Name} is not that node's Docker engine", log, StringComparison.Ordinal);
        Assert.EndsWith("Finished: FAILURE\n", log, StringComparison.Ordinal);
        Assert.False(await docker.HasImageAsync(tag, Token));
        Assert.Equal("", (await engine.DockerAsync($"images -q {tag}")).Trim());
        Assert.Equal("", (await engine.DockerAsync("ps -aq")).Trim());
    }

    [Fact]
    public async Task WithRegistryPush_OnANodeWithItsSocket_LogsInAndPushesFromTheNode_ThePasswordMasked()
    {
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        Assert.SkipWhen(!LocalRegistry.IsInstalled && !DockerFixture.MustRun, $"no {LocalRegistry.Executable} (apt-get install docker-registry)");
        await using var engine = await SecondEngine.StartAsync([_home], Token);
        var registry = await StartRegistryOnNodeAsync(engine);
        var config = NodeConfig.WithSocket(engine, engine.SocketPath);
        config = config with { Credentials = [.. config.Credentials, new("registry", "usernamePassword") { Username = LocalRegistry.User, Password = LocalRegistry.Password }] };
        await using var nodes = RemoteNodes.Create(config, docker.Engine);
        var jenkinsfile = $$"""
            pipeline {
              agent { label 'remote' }
              stages {
                stage('push') {
                  steps {
                    writeFile file: 'Dockerfile', text: 'FROM containercd/busybox:latest\nRUN echo pushed > /pushed.txt\n'
                    script {
                      docker.withRegistry('http://{{RegistryOnNode}}', 'registry') {
                        docker.build('pushed-{{_key}}/app:1').push()
                      }
                    }
                  }
                }
              }
            }
            """;

        // When the build logs in to a registry only the node's engine reaches and pushes there
        var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "node-socket-push", config: config, agents: [new RemoteNodeAgentProvider(nodes)]);

        // Then the registry has the image, the password never reached the log, and the build left no container on the node
        Assert.True(outcome.Result == BuildResult.Success, log);
        Assert.Contains("Login Succeeded", log, StringComparison.Ordinal);
        Assert.DoesNotContain(LocalRegistry.Password, log, StringComparison.Ordinal);
        Assert.Contains($"\"pushed-{_key}/app\"", await engine.DockerAsync($"exec {registry} wget -q -O- http://{LocalRegistry.User}:{LocalRegistry.Password}@{RegistryOnNode}/v2/_catalog"),
            StringComparison.Ordinal);
        Assert.Equal(registry, (await engine.DockerAsync("ps -aq --no-trunc")).Trim());
    }

    /// <summary>The node's own network (its dockerd's namespace): a registry there is reached by the node's engine only.</summary>
    private const string RegistryOnNode = "127.0.0.1:5000";

    /// <summary>
    /// Debian's docker-registry as a container on the node's engine, in the engine's own network namespace (host network
    /// there), with basic authentication: its binary and the C library it needs bound from this machine (the node's machine).
    /// </summary>
    private async Task<string> StartRegistryOnNodeAsync(SecondEngine engine)
    {
        var folder = Directory.CreateTempSubdirectory("containercd-node-registry-").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "htpasswd"), $"{LocalRegistry.User}:{LocalRegistry.PasswordHash}\n", Token);
        await File.WriteAllTextAsync(Path.Combine(folder, "config.yml"), RegistryServer.ConfigFile(RegistryOnNode, "/tmp/registry", "/etc/registry/htpasswd", "containercd-test"), Token);
        var (loaded, loadOutput) = await ProcessRun.RunAsync("bash", ["-c", $"docker save {docker.BaseImage} | docker -H {engine.Socket} load"], null, Token);
        Assert.True(loaded == 0, loadOutput);
        var id = (await engine.DockerAsync(
            $"run -d --network host -v {LocalRegistry.Executable}:/registry:ro -v /lib/x86_64-linux-gnu:/lib/x86_64-linux-gnu:ro -v /lib64:/lib64:ro "
            + $"-v {folder}:/etc/registry:ro --entrypoint /registry {docker.BaseImage} serve /etc/registry/config.yml")).Trim();
        for (var attempt = 0; ; attempt++)
        {
            var (code, _) = await ProcessRun.RunAsync("docker", ["-H", engine.Socket, "exec", id, "wget", "-q", "-O-", $"http://{LocalRegistry.User}:{LocalRegistry.Password}@{RegistryOnNode}/v2/"], null, Token);
            if (code == 0)
            {
                return id;
            }

            Assert.True(attempt < 100, "the registry on the node did not answer within 10 s: " + await engine.DockerAsync($"logs {id}"));
            await Task.Delay(100, Token);
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
