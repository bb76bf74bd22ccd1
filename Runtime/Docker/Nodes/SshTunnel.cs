using System.Diagnostics;
using System.Net.Sockets;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Scm;

namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>
/// The way to an <c>ssh://</c> engine: the machine's OpenSSH client, run as a child process, forwards a unix socket in
/// a private folder of this machine (mode 0600) to the engine's socket on that host, and the node's Docker client talks
/// to that socket. Batch mode, strict host key checking (against the config's <c>knownHosts</c>, else ssh's own
/// known_hosts files), the key of the engine's sshUserPrivateKey credential written 0600 for the login and deleted as
/// soon as the forwarding stands. ssh runs <c>cat</c> there with our pipe as its input, so that it ends when this
/// process ends however it ends (even killed), and gives up on a host that stops answering (ServerAliveInterval).
/// A tunnel whose ssh has ended is down, with ssh's words for why, until <see cref="OpenAsync"/> starts it again.
/// </summary>
internal sealed class SshTunnel : IAsyncDisposable
{
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(20);
    private readonly SshEndpoint _endpoint;
    private readonly CredentialDefinition? _credential;
    private readonly string? _knownHosts;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("containercd-ssh-");
    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly Queue<string> _errors = new();
    private Process? _process;

    public SshTunnel(SshEndpoint endpoint, CredentialDefinition? credential, string? knownHosts)
    {
        _endpoint = endpoint;
        _credential = credential;
        _knownHosts = knownHosts;
    }

    /// <summary>The local socket the node's Docker client uses.</summary>
    public string LocalSocket => Path.Combine(_folder.FullName, "docker.sock");

    /// <summary>The ssh process, while it runs (the tests end it to lose the node).</summary>
    internal int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>Whether the forwarding ever stood (before, nothing can have been started through it).</summary>
    public bool Opened { get; private set; }

    /// <summary>Whether the ssh process runs.</summary>
    public bool Running => _process is { HasExited: false };

    /// <summary>Why the tunnel is down (ssh ended: its exit code and last words), or null while it runs or before it is opened.</summary>
    public string? Failure
    {
        get
        {
            try
            {
                return _process is { HasExited: true } process ? Ended(process) : null;
            }
            catch (InvalidOperationException)
            {
                return null; // stopped meanwhile, to be started again
            }
        }
    }

    /// <summary>Starts ssh unless it runs, and waits until the forwarding answers: null then, else ssh's reason.</summary>
    public async Task<string?> OpenAsync(CancellationToken cancellationToken)
    {
        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Running)
            {
                return null;
            }

            Stop();
            File.Delete(LocalSocket);
            var key = Path.Combine(_folder.FullName, "key");
            var process = Start(key);
            try
            {
                var failure = await WaitForForwardingAsync(process, cancellationToken).ConfigureAwait(false);
                Opened |= failure is null;
                return failure;
            }
            finally
            {
                File.Delete(key);
                File.Delete(Path.Combine(_folder.FullName, "askpass"));
            }
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>Gives ssh a moment to end (a connection through it broke): then <see cref="Failure"/> says why.</summary>
    public async Task WaitForEndAsync(TimeSpan timeout)
    {
        if (_process is { } process)
        {
            using var wait = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private Process Start(string key)
    {
        var start = new ProcessStartInfo("ssh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var options = new List<string>
        {
            "-T", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "ExitOnForwardFailure=yes",
            "-o", "StreamLocalBindUnlink=yes", "-o", "StreamLocalBindMask=0177", "-o", "ConnectTimeout=10",
            "-o", "ServerAliveInterval=5", "-o", "ServerAliveCountMax=3", "-p", _endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (_knownHosts is not null)
        {
            var knownHosts = Path.Combine(_folder.FullName, "known_hosts");
            File.WriteAllText(knownHosts, _knownHosts);
            options.AddRange(["-o", "UserKnownHostsFile=" + knownHosts, "-o", "GlobalKnownHostsFile=/dev/null"]);
        }

        if (_credential?.PrivateKey is { } privateKey)
        {
            SshKeyFiles.WriteKey(_folder.FullName, privateKey);
            options.AddRange(["-o", "IdentitiesOnly=yes", "-i", key]);
            if (_credential.Passphrase is { Length: > 0 } passphrase)
            {
                options[options.IndexOf("BatchMode=yes")] = "BatchMode=no";
                foreach (var (name, value) in SshKeyFiles.AskpassEnvironment(_folder.FullName, passphrase))
                {
                    start.Environment[name] = value;
                }
            }
        }

        if ((_endpoint.User ?? _credential?.Username) is { Length: > 0 } user)
        {
            options.AddRange(["-l", user]);
        }

        options.AddRange(["-L", $"{LocalSocket}:{_endpoint.Socket}", "--", _endpoint.Host, "cat >/dev/null"]);
        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }

        lock (_errors)
        {
            _errors.Clear();
        }

        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, line) => Remember(line.Data);
        process.OutputDataReceived += (_, _) => { };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new InvalidOperationException($"Cannot run ssh (the OpenSSH client) for {_endpoint.Destination}: {e.Message}", e);
        }

        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        _process = process;
        return process;
    }

    private async Task<string?> WaitForForwardingAsync(Process process, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false); // its last stderr lines are read
                return Ended(process);
            }

            if (File.Exists(LocalSocket) && await AnswersAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            if (deadline.Elapsed > OpenTimeout)
            {
                Stop();
                return $"ssh to {_endpoint.Destination} did not set up the forwarding to {_endpoint.Socket} within {OpenTimeout.TotalSeconds:0} s{LastWords()}";
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(LocalSocket), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private string Ended(Process process) => $"ssh to {_endpoint.Destination} ended (exit code {process.ExitCode}){LastWords()}";

    private string LastWords()
    {
        lock (_errors)
        {
            return _errors.Count == 0 ? "" : ": " + string.Join(" ", _errors).TrimEnd('.', ' ', '\r');
        }
    }

    private void Remember(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_errors)
        {
            _errors.Enqueue(line.Trim());
            while (_errors.Count > 4)
            {
                _errors.Dequeue();
            }
        }
    }

    private void Stop()
    {
        if (Interlocked.Exchange(ref _process, null) is not { } process)
        {
            return;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended meanwhile.
        }
        finally
        {
            process.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
        }

        _opening.Dispose();
        return ValueTask.CompletedTask;
    }
}
