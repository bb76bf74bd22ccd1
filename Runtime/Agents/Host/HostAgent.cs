using System.Diagnostics;
using System.Text;

namespace ContainerCd.Runtime.Agents.Host;

/// <summary>
/// The host as an agent: each <c>sh</c> step is a <c>sh -xe</c> process (as Jenkins runs it) in its own
/// session, with the step's variables over this process's environment and stdin closed. Output streams
/// as it arrives. Cancelling kills the step's whole process tree.
/// </summary>
public sealed class HostAgent : IAgent
{
    internal static readonly string? SetSid = File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : File.Exists("/bin/setsid") ? "/bin/setsid" : null;
    private readonly string _cookiePrefix;
    private readonly System.Collections.Concurrent.ConcurrentBag<HostShellSession> _sessions = [];
    private long _steps;

    public HostAgent(string nodeName, IReadOnlyList<string> labels, string workspace, IReadOnlyDictionary<string, string> environment, string resourceScope)
    {
        NodeName = nodeName;
        Labels = labels;
        Workspace = workspace;
        Environment = environment;
        _cookiePrefix = resourceScope + ":";
    }

    public string NodeName { get; }

    public IReadOnlyList<string> Labels { get; }

    public string Workspace { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public async ValueTask<ShellResult> ExecuteAsync(ShellCommand command, IShellOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        cancellationToken.ThrowIfCancellationRequested();
        var cookie = _cookiePrefix + Interlocked.Increment(ref _steps).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Directory.CreateDirectory(command.WorkingDirectory);
        if (HostShellSession.CanRun(command))
        {
            return new ShellResult(await RunInSessionAsync(command, cookie, output, cancellationToken).ConfigureAwait(false), null);
        }

        string? scriptFile = null;
        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = command.WorkingDirectory,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        // stdout and stderr share one pipe (2>&1), as in Jenkins' log, so lines keep their order;
        // a step that captures stdout keeps them apart. Each exec replaces the process: no extra fork.
        var merge = command.CaptureStdout ? string.Empty : "exec 2>&1; ";
        var arguments = new List<string>();
        if (command.Script.StartsWith("#!", StringComparison.Ordinal))
        {
            scriptFile = Path.Combine(Path.GetTempPath(), "containercd-" + Guid.NewGuid().ToString("N") + ".sh");
            await File.WriteAllTextAsync(scriptFile, command.Script, cancellationToken).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(scriptFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            arguments.AddRange(["/bin/sh", "-c", merge + "exec \"$1\"", "sh", scriptFile]);
        }
        else
        {
            arguments.AddRange(["/bin/sh", "-c", merge + "exec /bin/sh -xe -c \"$1\"", "sh", command.Script]);
        }

        if (SetSid is not null)
        {
            start.FileName = SetSid;
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = arguments[0];
            foreach (var argument in arguments.Skip(1))
            {
                start.ArgumentList.Add(argument);
            }
        }

        ApplyEnvironment(start.Environment, command.Environment);
        start.Environment[ProcessTree.CookieVariable] = cookie;

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
            process.StandardInput.Close();
            var captured = command.CaptureStdout ? new StringBuilder() : null;
            var stdout = PumpAsync(process.StandardOutput, captured is null ? output.Write : text => captured.Append(text));
            var stderr = PumpAsync(process.StandardError, output.Write);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                KillTree(process.Id, cookie);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                await DrainAsync(stdout, stderr).ConfigureAwait(false);
                throw;
            }

            await DrainAsync(stdout, stderr).ConfigureAwait(false);
            return new ShellResult(process.ExitCode, captured?.ToString());
        }
        finally
        {
            if (scriptFile is not null)
            {
                File.Delete(scriptFile);
            }
        }
    }

    /// <summary>
    /// Starts the agent's first shell session now, as a Jenkins agent is connected before its first step:
    /// the first <c>sh</c> then costs what the others cost.
    /// </summary>
    public void StartShell() => _sessions.Add(HostShellSession.Start());

    /// <summary>Kills whatever the build's steps left running (called when the build ends with its <c>ResourceScope</c>).</summary>
    public static int KillLeftovers(string resourceScope) => ProcessTree.KillByCookie(resourceScope + ":");

    public async ValueTask DisposeAsync()
    {
        while (_sessions.TryTake(out var session))
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    // One idle session per concurrent step: steps in parallel branches each get their own shell.
    private async Task<int> RunInSessionAsync(ShellCommand command, string cookie, IShellOutput output, CancellationToken cancellationToken)
    {
        HostShellSession? session = null;
        while (_sessions.TryTake(out var idle))
        {
            if (idle.IsAlive)
            {
                session = idle;
                break;
            }

            await idle.DisposeAsync().ConfigureAwait(false);
        }

        session ??= HostShellSession.Start();
        try
        {
            var exitCode = await session.RunAsync(command, cookie, output, cancellationToken).ConfigureAwait(false);
            _sessions.Add(session);
            session = null;
            return exitCode;
        }
        finally
        {
            if (session is not null)
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static void KillTree(int pid, string cookie)
    {
        ProcessTree.KillGroup(pid);
        ProcessTree.KillByCookie(cookie);
    }

    private static void ApplyEnvironment(IDictionary<string, string?> target, IReadOnlyDictionary<string, string> values)
    {
        var prefixes = new List<string>();
        foreach (var (name, value) in values)
        {
            if (name.StartsWith("PATH+", StringComparison.Ordinal))
            {
                prefixes.Add(value);
            }
            else
            {
                target[name] = value;
            }
        }

        if (prefixes.Count > 0)
        {
            target.TryGetValue("PATH", out var path);
            target["PATH"] = string.Join(':', prefixes) + (string.IsNullOrEmpty(path) ? string.Empty : ":" + path);
        }
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> write)
    {
        var buffer = new char[8192];
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            write(new string(buffer, 0, read));
        }
    }

    // After the shell exits, its output is read to the end; a background child that keeps the pipes open
    // must not hold the step forever (Jenkins does not wait for it either).
    private static async Task DrainAsync(Task stdout, Task stderr)
    {
        var both = Task.WhenAll(stdout, stderr);
        await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
    }
}
