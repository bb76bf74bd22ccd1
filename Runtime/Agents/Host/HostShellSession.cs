using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ContainerCd.Runtime.Agents.Host;

/// <summary>
/// A long-lived <c>/bin/sh</c> on this host that runs one step at a time: each step is written to its
/// stdin as a subshell that enters the directory, exports the step's variables and a cookie, and execs
/// <c>sh -xe -c script</c> with stderr joined to stdout; an end marker with a random nonce carries the exit
/// code. A step then costs what a shell loop's <c>sh -c</c> costs, not a process start from .NET. The shell
/// runs in a session of its own, away from the terminal's signals.
/// </summary>
internal sealed class HostShellSession : IAsyncDisposable
{
    private readonly Process _shell;
    private readonly Thread _pump;
    private static readonly TimeSpan PumpGrace = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private StepReader? _current;
    private bool _disposeWhenPumpEnds;

    private HostShellSession(Process shell)
    {
        _shell = shell;
        // A thread of its own blocked in read(2): the step's end wakes it directly, with no hop through the
        // I/O poller and the thread pool (that hop was most of a step's cost over a shell loop's sh -c).
        _pump = new Thread(Pump) { IsBackground = true, Name = "containercd sh session" };
        _pump.Start();
    }

    public bool IsAlive => !_shell.HasExited;

    public static HostShellSession Start()
    {
        // In a session of its own (as each step process is): a Ctrl-C on the terminal reaches containercd,
        // which aborts the build, and not the shell, which would end the running step as a failure.
        var start = new ProcessStartInfo(HostAgent.SetSid ?? "/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        if (HostAgent.SetSid is not null)
        {
            start.ArgumentList.Add("/bin/sh");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Cannot start /bin/sh");
        process.StandardInput.AutoFlush = true;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new HostShellSession(process);
    }

    /// <summary>Whether a command can go through a session: stdout not captured, variable names the shell can export.</summary>
    public static bool CanRun(ShellCommand command) =>
        !command.CaptureStdout && command.Environment.Keys.All(k => k.StartsWith("PATH+", StringComparison.Ordinal) || IsIdentifier(k));

    public async Task<int> RunAsync(ShellCommand command, string cookie, IShellOutput output, CancellationToken cancellationToken)
    {
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var reader = new StepReader("@@containercd:" + nonce + ":", output);
        lock (_lock)
        {
            _current = reader;
        }

        var text = new StringBuilder("( cd -- ").Append(Quote(command.WorkingDirectory)).Append(" || exit 1\n");
        var prefixes = new List<string>();
        foreach (var (name, value) in command.Environment)
        {
            if (name.StartsWith("PATH+", StringComparison.Ordinal))
            {
                prefixes.Add(value);
            }
            else
            {
                text.Append("export ").Append(name).Append('=').Append(Quote(value)).Append('\n');
            }
        }

        if (prefixes.Count > 0)
        {
            text.Append("PATH=").Append(Quote(string.Join(':', prefixes))).Append(":\"$PATH\"; export PATH\n");
        }

        text.Append("export ").Append(ProcessTree.CookieVariable).Append('=').Append(Quote(cookie)).Append('\n');
        text.Append(command.Script.StartsWith("#!", StringComparison.Ordinal)
            ? "__ccd_f=$(mktemp) && printf '%s' " + Quote(command.Script) + " > \"$__ccd_f\" && chmod +x \"$__ccd_f\" && exec \"$__ccd_f\"\n"
            : "exec /bin/sh -xe -c " + Quote(command.Script) + "\n");
        text.Append(") </dev/null 2>&1\n");
        text.Append("printf '%s%s@@\\n' '").Append(reader.Marker).Append("' \"$?\"\n");
        // A synchronous write: the command is small and the pipe is empty (the shell waits for it).
        _shell.StandardInput.Write(text);

        await using (cancellationToken.Register(() => ProcessTree.KillByCookie(cookie)).ConfigureAwait(false))
        {
            var exitCode = await reader.Completion.Task.ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return exitCode;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _shell.StandardInput.Close();
            if (!_shell.WaitForExit(2000))
            {
                _shell.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }

        // A background process a step left behind (`sleep 60 &`) keeps the output pipe open: the build does
        // not wait for it (the build's leftovers are killed when it ends, as Jenkins' ProcessTreeKiller does),
        // and the pump disposes the shell process once the pipe closes.
        if (await Task.Run(() => _pump.Join(PumpGrace)).ConfigureAwait(false))
        {
            _shell.Dispose();
            return;
        }

        Volatile.Write(ref _disposeWhenPumpEnds, true);
        if (!_pump.IsAlive)
        {
            _shell.Dispose();
        }
    }

    private void Pump()
    {
        var buffer = new char[16384];
        try
        {
            int read;
            while ((read = _shell.StandardOutput.Read(buffer)) > 0)
            {
                StepReader? reader;
                lock (_lock)
                {
                    reader = _current;
                }

                if (reader?.Feed(buffer.AsSpan(0, read)) == true)
                {
                    lock (_lock)
                    {
                        if (ReferenceEquals(_current, reader))
                        {
                            _current = null;
                        }
                    }
                }
            }
        }
        finally
        {
            lock (_lock)
            {
                _current?.Completion.TrySetResult(255);
            }

            if (Volatile.Read(ref _disposeWhenPumpEnds))
            {
                _shell.Dispose();
            }
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static bool IsIdentifier(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Splits a step's output from its end marker (which may arrive in pieces).</summary>
    private sealed class StepReader(string marker, IShellOutput output)
    {
        private readonly StringBuilder _pending = new();

        public string Marker { get; } = marker;

        // Continuations run on the pump's thread: the shell is idle until the next step is written, and one
        // thread hand-off less per step is what keeps a step as cheap as a shell loop's sh -c.
        public TaskCompletionSource<int> Completion { get; } = new();

        /// <summary>Returns true when the marker (and the exit code after it) has been read.</summary>
        public bool Feed(ReadOnlySpan<char> text)
        {
            _pending.Append(text);
            var content = _pending.ToString();
            var at = content.IndexOf(Marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                var end = content.IndexOf("@@\n", at + Marker.Length, StringComparison.Ordinal);
                if (end < 0)
                {
                    Flush(content, at);
                    return false;
                }

                if (at > 0)
                {
                    output.Write(content[..at]);
                }

                var code = int.TryParse(content.AsSpan(at + Marker.Length, end - at - Marker.Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var exit) ? exit : 255;
                _pending.Clear();
                Completion.TrySetResult(code);
                return true;
            }

            // Keep back only an end that could be the start of the marker: the rest streams now.
            Flush(content, content.Length - PartialMarkerLength(content));
            return false;
        }

        private int PartialMarkerLength(string content)
        {
            for (var length = Math.Min(content.Length, Marker.Length - 1); length > 0; length--)
            {
                if (content.AsSpan(content.Length - length).SequenceEqual(Marker.AsSpan(0, length)))
                {
                    return length;
                }
            }

            return 0;
        }

        private void Flush(string content, int upTo)
        {
            if (upTo > 0)
            {
                output.Write(content[..upTo]);
                _pending.Remove(0, upTo);
            }
        }
    }
}
