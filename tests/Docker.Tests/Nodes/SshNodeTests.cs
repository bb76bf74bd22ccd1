using System.Diagnostics;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Nodes;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Tests.Scm;

namespace ContainerCd.Docker.Tests.Nodes;

/// <summary>
/// An <c>ssh://</c> node: the tests' second engine reached through a real OpenSSH server the test starts on 127.0.0.1
/// (its own host key and authorized key), the engine's unix socket forwarded by the machine's ssh client.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class SshNodeTests(DockerFixture docker) : IDisposable
{
    private const string Name = "remote-ssh";
    private readonly AgentScope _scope = new();
    private readonly string _home = Directory.CreateTempSubdirectory("containercd-sshnode-home-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static RuntimeConfig Config(SecondEngine engine, SshGitServer ssh, string key) => RuntimeConfig.Empty with
    {
        Engines = [new EngineDefinition(Name, Endpoint(engine, ssh), ["remote"]) { SshCredentialsId = "node-key", KnownHosts = ssh.KnownHostsLine + "\n" }],
        Credentials = [new CredentialDefinition("node-key", "sshUserPrivateKey") { PrivateKey = key }],
    };

    private static string Endpoint(SecondEngine engine, SshGitServer ssh) => ssh.UrlOf(new Uri(engine.Socket).LocalPath);

    private AgentRequest Request() => _scope.Request(null) with { Spec = new RemoteNodeAgentSpec(null) { Label = "remote" } };

    [Fact]
    public async Task Pipeline_OnAnSshNode_RunsOnThatEngineAndLeavesNothingNoSshAndNoKey()
    {
        RequireSshAndSecondEngine();
        await using var engine = await SecondEngine.StartAsync([_home], Token);
        await using var ssh = await SshGitServer.StartAsync();
        var config = Config(engine, ssh, ssh.ClientKey);
        var nodes = RemoteNodes.Create(config, docker.Engine);
        const string jenkinsfile = """
            pipeline {
              agent { label 'remote' }
              stages {
                stage('over ssh') {
                  steps {
                    sh 'echo "node=$NODE_NAME host=$(hostname)" > where.txt; cat where.txt'
                  }
                }
              }
            }
            """;
        string socket;
        int sshProcess;
        try
        {
            var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "ssh-node", config: config, agents: [new RemoteNodeAgentProvider(nodes)]);

            Assert.True(outcome.Result == BuildResult.Success, log);
            Assert.Contains($"node={Name} host=", log, StringComparison.Ordinal);
            Assert.DoesNotContain($"host={Environment.MachineName}", log, StringComparison.Ordinal);
            Assert.Equal($"node={Name}", File.ReadAllText(Path.Combine(_home, "workspace", "ssh-node", "where.txt")).Split(' ')[0]);
            Assert.Equal("", (await engine.DockerAsync("ps -aq")).Trim());
            Assert.Equal("", (await engine.DockerAsync("volume ls -q")).Trim());
            var tunnel = nodes.Nodes[0].Tunnel!;
            socket = tunnel.LocalSocket;
            sshProcess = tunnel.ProcessId ?? throw new InvalidOperationException("the ssh process does not run after the build");
            Assert.Equal(["docker.sock", "known_hosts"], Directory.GetFileSystemEntries(Path.GetDirectoryName(socket)!).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally
        {
            await nodes.DisposeAsync();
        }

        Assert.False(Directory.Exists(Path.GetDirectoryName(socket)));
        Assert.False(IsRunning(sshProcess));
    }

    [Fact]
    public async Task StartAsync_KeyTheServerRefuses_SaysTheNodeIsOfflineWithSshsReason()
    {
        RequireSshAndSecondEngine();
        await using var engine = await SecondEngine.StartAsync([_scope.Workspace], Token);
        await using var ssh = await SshGitServer.StartAsync();
        await using var nodes = RemoteNodes.Create(Config(engine, ssh, ssh.NewClientKey("stranger")), docker.Engine);
        var log = new CollectingOutput();
        using var shortly = CancellationTokenSource.CreateLinkedTokenSource(Token);
        shortly.CancelAfter(TimeSpan.FromSeconds(15));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new RemoteNodeAgentProvider(nodes).StartAsync(Request(), log, shortly.Token).AsTask());

        Assert.Contains($"‘{Name}’ is offline (Cannot contact {Name}: the Docker engine at {Endpoint(engine, ssh)} is not reachable: ssh to root@127.0.0.1:{ssh.Port} ended (exit code 255): ", log.Text, StringComparison.Ordinal);
        Assert.Contains("Permission denied (publickey)", log.Text, StringComparison.Ordinal);
        Assert.False(nodes.Nodes[0].Online);
        Assert.Equal("", (await engine.DockerAsync("ps -aq")).Trim());
    }

    [Fact]
    public async Task ExecuteAsync_SshKilledMidStep_LosesTheNodeNamingItAndTheNextCheckReconnectsAndSweeps()
    {
        RequireSshAndSecondEngine();
        await using var engine = await SecondEngine.StartAsync([_scope.Workspace], Token);
        await using var ssh = await SshGitServer.StartAsync();
        await using var nodes = RemoteNodes.Create(Config(engine, ssh, ssh.ClientKey), docker.Engine);
        var provider = new RemoteNodeAgentProvider(nodes);
        await using var agent = await provider.StartAsync(Request(), new CollectingOutput(), Token);
        var output = new CollectingOutput();
        var started = new TaskCompletionSource();
        output.Written += text =>
        {
            if (text.Contains("step-started", StringComparison.Ordinal))
            {
                started.TrySetResult();
            }
        };
        var tunnel = nodes.Nodes[0].Tunnel!;
        var first = tunnel.ProcessId!.Value;

        var step = agent.ExecuteAsync(_scope.Sh("echo step-started; sleep 120"), output, Token).AsTask();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(60), Token);
        using (var process = Process.GetProcessById(first))
        {
            process.Kill();
        }

        var lost = await Assert.ThrowsAsync<AgentLostException>(() => step.WaitAsync(TimeSpan.FromSeconds(60), Token));

        Assert.StartsWith($"Cannot contact {Name}: the Docker engine at {Endpoint(engine, ssh)} is not reachable: ssh to root@127.0.0.1:{ssh.Port} ended (exit code 137)", lost.Message, StringComparison.Ordinal);
        Assert.Contains(lost.Message, output.Text, StringComparison.Ordinal);
        Assert.False(nodes.Nodes[0].Online);
        Assert.NotEqual("", (await engine.DockerAsync("ps -aq")).Trim());
        await agent.DisposeAsync();

        Assert.True(await nodes.Nodes[0].CheckAsync(null, Token));

        Assert.NotEqual(first, tunnel.ProcessId);
        Assert.Equal("", (await engine.DockerAsync("ps -aq")).Trim());
        Assert.Equal("", (await engine.DockerAsync("volume ls -q")).Trim());
        await using var again = await provider.StartAsync(Request(), new CollectingOutput(), Token).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Token);
        Assert.Equal(0, (await again.ExecuteAsync(_scope.Sh("true"), new CollectingOutput(), Token)).ExitCode);
    }

    private void RequireSshAndSecondEngine()
    {
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        Assert.SkipUnless(SshGitServer.Installed || DockerFixture.MustRun, "no sshd on this machine (openssh-server)");
    }

    private static bool IsRunning(int id)
    {
        try
        {
            using var process = Process.GetProcessById(id);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _scope.Dispose();
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
