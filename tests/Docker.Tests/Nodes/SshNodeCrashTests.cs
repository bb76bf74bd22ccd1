using System.Globalization;
using ContainerCd.Runtime.Tests.Scm;

namespace ContainerCd.Docker.Tests.Nodes;

/// <summary>The ssh process of an ssh:// node never outlives the containercd process that started it, however that ends.</summary>
[Collection(DockerTests.Name)]
public sealed class SshNodeCrashTests(DockerFixture docker) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("containercd-sshcrash-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KillDashNine_OfRunMidRemoteStage_ItsSshEndsOnItsOwnWithin15s()
    {
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        Assert.SkipUnless(SshGitServer.Installed || DockerFixture.MustRun, "no sshd on this machine (openssh-server)");
        var home = Directory.CreateDirectory(Path.Combine(_folder, "home")).FullName;
        await using var engine = await SecondEngine.StartAsync([home], Token);
        await using var ssh = await SshGitServer.StartAsync();
        var key = string.Concat(ssh.ClientKey.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => $"      {line}\n"));
        File.WriteAllText(Path.Combine(_folder, "containercd.yml"), $"""
            engines:
              - name: remote-ssh
                docker: '{ssh.UrlOf(new Uri(engine.Socket).LocalPath)}'
                sshCredentialsId: node-key
                knownHosts: '{ssh.KnownHostsLine}'
                labels: [remote]
            credentials:
              - id: node-key
                type: sshUserPrivateKey
                privateKey: |

            """ + key);
        File.WriteAllText(Path.Combine(_folder, "Jenkinsfile"), "pipeline { agent { label 'remote' }\n stages { stage('s') { steps { sh 'echo remote-started; sleep 120' } } } }\n");
        var run = RunProcess.Start(_folder, "ssh-crash", home, "--config", Path.Combine(_folder, "containercd.yml"));
        await run.WaitForLineAsync("remote-started");
        Assert.NotEmpty(SshProcessesTo(ssh.Port));

        // When: kill -9 of containercd, and nothing else
        run.Process.Kill();
        await run.Process.WaitForExitAsync(Token).WaitAsync(TimeSpan.FromSeconds(30), Token);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(15);
        while (SshProcessesTo(ssh.Port).Count > 0 && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(200, Token);
        }

        // Then
        Assert.Empty(SshProcessesTo(ssh.Port));
    }

    /// <summary>The ssh clients on this machine forwarding to that port (as ssh's command line says: -p PORT ... -L ...).</summary>
    private static List<int> SshProcessesTo(int port)
    {
        var found = new List<int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            try
            {
                var arguments = File.ReadAllText(Path.Combine(folder, "cmdline")).Split('\0');
                var portAt = Array.IndexOf(arguments, "-p");
                if (arguments[0] == "ssh" && arguments.Contains("-L") && portAt >= 0 && arguments[portAt + 1] == port.ToString(CultureInfo.InvariantCulture))
                {
                    found.Add(id);
                }
            }
            catch (IOException)
            {
                // It ended meanwhile.
            }
        }

        return found;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
