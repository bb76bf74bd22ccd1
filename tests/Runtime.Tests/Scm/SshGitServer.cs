using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ContainerCd.Runtime.Tests.Scm;

/// <summary>
/// A real OpenSSH server (Debian's openssh-server, <c>.ci/setup.sh</c>) started as this test's own child process on
/// a free 127.0.0.1 port, with its own configuration, generated host key and authorized key in its own folder, so
/// git reaches the repositories of the machine as <c>ssh://root@127.0.0.1:PORT/path/repo.git</c>. The client's key
/// pair is made here too; <see cref="ChangeHostKeyAsync"/> restarts it with a new host key (a changed server).
/// </summary>
internal sealed class SshGitServer : IAsyncDisposable
{
    private const string Sshd = "/usr/sbin/sshd";

    private readonly string _folder = Directory.CreateTempSubdirectory("containercd-sshd-").FullName;
    private Process? _process;

    private SshGitServer()
    {
        Port = FreePort();
    }

    public int Port { get; }

    /// <summary>The private key the server accepts (OpenSSH format).</summary>
    public string ClientKey { get; private set; } = string.Empty;

    /// <summary>Its host key as a known_hosts line for 127.0.0.1:PORT (what <c>ssh-keyscan -p PORT 127.0.0.1</c> prints).</summary>
    public string KnownHostsLine => $"[127.0.0.1]:{Port} {File.ReadAllText(Path.Combine(_folder, "host.pub")).Trim()}";

    /// <summary>Whether sshd is installed (the tests that need it say so when it is not).</summary>
    public static bool Installed => File.Exists(Sshd);

    public static async Task<SshGitServer> StartAsync()
    {
        var server = new SshGitServer();
        server.ClientKey = NewKey(server._folder, "client");
        File.WriteAllText(Path.Combine(server._folder, "authorized_keys"), File.ReadAllText(Path.Combine(server._folder, "client.pub")));
        await server.RunAsync();
        return server;
    }

    /// <summary>A key pair of its own (one the server does not accept); the private key.</summary>
    public string NewClientKey(string name) => NewKey(_folder, name);

    public string UrlOf(string path) => $"ssh://root@127.0.0.1:{Port}{path}";

    /// <summary>Stops the server and starts it again on the same port with a newly generated host key.</summary>
    public async Task ChangeHostKeyAsync()
    {
        Stop();
        File.Delete(Path.Combine(_folder, "host"));
        File.Delete(Path.Combine(_folder, "host.pub"));
        await RunAsync();
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task RunAsync()
    {
        NewKey(_folder, "host");
        var config = Path.Combine(_folder, "sshd_config");
        File.WriteAllText(config, $"""
            Port {Port}
            ListenAddress 127.0.0.1
            HostKey {Path.Combine(_folder, "host")}
            AuthorizedKeysFile {Path.Combine(_folder, "authorized_keys")}
            PidFile {Path.Combine(_folder, "sshd.pid")}
            StrictModes no
            UsePAM no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PubkeyAuthentication yes
            PermitRootLogin prohibit-password

            """);
        // sshd refuses to start without its privilege separation folder, which Debian's init script makes at boot.
        Directory.CreateDirectory("/run/sshd");
        _process = Process.Start(new ProcessStartInfo(Sshd, ["-D", "-e", "-f", config]) { RedirectStandardError = true, UseShellExecute = false })!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (attempt < 100 && !_process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    private void Stop()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit();
            }

            process.Dispose();
            _process = null;
        }
    }

    private static string NewKey(string folder, string name)
    {
        var file = Path.Combine(folder, name);
        using var keygen = Process.Start(new ProcessStartInfo("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", name, "-f", file]) { UseShellExecute = false })!;
        keygen.WaitForExit();
        return keygen.ExitCode == 0 ? File.ReadAllText(file) : throw new InvalidOperationException("ssh-keygen failed for " + name);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
