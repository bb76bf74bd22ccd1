using System.Diagnostics;
using System.Text;
using ContainerCd.Runtime.Docker.Shell;

namespace ContainerCd.Docker.Tests.Shell;

/// <summary>
/// A shell process on this machine (dash, busybox's ash, bash), driven as a step session (<c>ShellSession</c>) drives the
/// agent's shell: texts written to its stdin, stdout and stderr read apart until a step's end marker, and with the worker
/// loop the go after each marker. Lets the step protocol's shell
/// side be checked on each shell without a container.
/// </summary>
internal sealed class LocalShell : IAsyncDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);
    private static readonly string[] Directories = ["/usr/bin", "/bin", "/usr/local/bin"];
    private readonly Process _process;
    private string? _workerMarker;

    private LocalShell(Process process) => _process = process;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="shell"/> (dash, busybox, bash); skips the test when this machine lacks it.</summary>
    public static LocalShell Start(string shell)
    {
        var path = Directories.Select(d => Path.Combine(d, shell)).FirstOrDefault(File.Exists);
        Assert.SkipWhen(path is null, $"{shell} is not installed on this machine");
        var start = new ProcessStartInfo(path!)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (shell == "busybox")
        {
            start.ArgumentList.Add("sh");
        }

        return new LocalShell(Process.Start(start)!);
    }

    /// <summary>Starts the worker loop, as <c>ShellSession.StartWorkersAsync</c> does: every later step then goes to a worker.</summary>
    public async Task StartWorkersAsync()
    {
        var marker = StepScript.NewMarker();
        var outcome = await RunAsync(StepScript.Control(StepWorkerLoop.Script(marker), marker, stderrMarker: false));
        Assert.Equal("0;-1", outcome.Trailer);
        _workerMarker = marker;
        await WriteAsync(StepWorkerLoop.Go(marker));
    }

    /// <summary>The session's shell's children (the idle worker, once the loop has started it).</summary>
    public IReadOnlyList<int> Children()
    {
        var path = $"/proc/{_process.Id}/task/{_process.Id}/children";
        return File.Exists(path)
            ? [.. File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, System.Globalization.CultureInfo.InvariantCulture))]
            : [];
    }

    /// <summary>The step's text as this session sends it (see <c>ShellSession.Prepare</c>).</summary>
    public StepScript Prepare(Runtime.Agents.ShellCommand command) =>
        _workerMarker is { } marker ? StepScript.ForWorker(command, marker) : StepScript.Create(command);

    /// <summary>
    /// Runs a step to its end marker; with the worker loop, then lets it start the next worker (the go). With
    /// <paramref name="lineByLine"/>, the text arrives one line at a time, a moment apart, as the attach stream may cut it.
    /// </summary>
    public async Task<StepRun> RunAsync(StepScript script, bool lineByLine = false)
    {
        if (!lineByLine)
        {
            await WriteAsync(script.Text);
        }
        else
        {
            var lines = script.Text.Split('\n');
            foreach (var line in lines.Take(lines.Length - 1))
            {
                await WriteAsync(line + "\n");
                await Task.Delay(50);
            }
        }

        var stdout = ReadUntilAsync(_process.StandardOutput.BaseStream, script.Marker);
        var stderr = script.StderrMarker ? ReadUntilAsync(_process.StandardError.BaseStream, script.Marker) : Task.FromResult(("", ""));
        await Task.WhenAll(stdout, stderr).WaitAsync(StepTimeout);
        var (output, trailer) = await stdout;
        var exit = int.Parse(trailer.Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
        if (_workerMarker is not null)
        {
            await WriteAsync(StepWorkerLoop.Go(_workerMarker));
        }

        return new StepRun(exit, output, (await stderr).Item1, trailer);
    }

    /// <summary>Reads stdout up to the worker loop's next end marker (one no step owns); returns its trailer.</summary>
    public async Task<string> ReadLoopMarkerAsync()
    {
        var (_, trailer) = await ReadUntilAsync(_process.StandardOutput.BaseStream, System.Text.Encoding.ASCII.GetBytes(_workerMarker!)).WaitAsync(StepTimeout);
        return trailer;
    }

    /// <summary>Writes to the shell's stdin.</summary>
    public async Task WriteAsync(string text)
    {
        await _process.StandardInput.BaseStream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await _process.StandardInput.BaseStream.FlushAsync();
    }

    /// <summary>Waits (at most 10 s) for the shell to end; true when it did.</summary>
    public async Task<bool> WaitForEndAsync()
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>Closes the shell's stdin, as releasing the agent closes the attach stream; true when the shell then ends.</summary>
    public async Task<bool> CloseInputAsync()
    {
        _process.StandardInput.Close();
        return await WaitForEndAsync();
    }

    private static async Task<(string Payload, string Trailer)> ReadUntilAsync(Stream stream, byte[] marker)
    {
        var scanner = new MarkerScanner(marker);
        var payload = new List<byte>();
        var buffer = new byte[1];

        // One byte at a time: nothing after the marker's line is taken from the next step.
        while (!scanner.Complete)
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                throw new EndOfStreamException("the shell ended before the step's end marker; so far: " + Encoding.UTF8.GetString([.. payload]));
            }

            payload.AddRange(scanner.Feed(buffer.AsSpan(0, read)).ToArray());
        }

        return (Encoding.UTF8.GetString([.. payload]), scanner.Trailer);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

/// <summary>A step's end as a <see cref="LocalShell"/> saw it: exit code, stdout and stderr before the marker, the trailer.</summary>
internal sealed record StepRun(int ExitCode, string Stdout, string Stderr, string Trailer);
