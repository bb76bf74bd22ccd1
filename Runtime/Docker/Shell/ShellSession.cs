using System.Globalization;
using System.Text;
using ContainerCd.Runtime.Agents;
using Docker.DotNet;

namespace ContainerCd.Runtime.Docker.Shell;

/// <summary>
/// A long-lived <c>sh</c> in the agent container, attached over the Docker API, that runs one step at a
/// time: the step text goes to its stdin and its output streams back, chunk by chunk, until the step's end
/// marker. One session per concurrently running step keeps parallel branches apart; an idle session is
/// reused, so a step costs no container exec, only a fork in the container and one round trip. With a
/// <see cref="StepWorkerLoop"/> (<see cref="StartWorkersAsync"/>) not even the fork: the step's shell is waiting for it.
/// </summary>
internal sealed partial class ShellSession : IAsyncDisposable
{
    private readonly MultiplexedStream _stream;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private readonly Lock _gate = new();
    private ActiveStep? _active;
    private string? _lostReason;

    private ShellSession(MultiplexedStream stream, string name)
    {
        _stream = stream;
        Name = name;
        _reader = Task.Run(ReadLoopAsync);
    }

    public string Name { get; }

    /// <summary>False once the shell's stream has ended or a step could not be brought to an end.</summary>
    public bool IsUsable => _lostReason is null && !_stop.IsCancellationRequested;

    public static ShellSession Attach(MultiplexedStream stream, string name) => new(stream, name);

    /// <summary>Sends a no-op step and waits for its marker: proves the shell reads its stdin.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken)
    {
        // With a worker loop, the waiting worker ends at once and the loop prints its marker.
        var marker = _workerMarker ?? StepScript.NewMarker();
        var probe = _workerMarker is null
            ? StepScript.Control("printf '%s0;-1\\n' '" + marker + "'\n", marker, stderrMarker: false)
            : StepScript.Control("exit 0\n", marker, stderrMarker: true);
        var step = new ActiveStep(probe, NullOutput.Instance);
        await SendAsync(step, probe.Text, cancellationToken).ConfigureAwait(false);
        await step.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Gives the shell a script to run for the rest of its life (<see cref="Ownership.OwnerWatchdog"/>): no step
    /// runs in this session afterwards, and its stream stays open until the session is disposed.
    /// </summary>
    public async Task HandOverAsync(string script, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_lostReason is not null || _active is not null)
            {
                throw new ShellSessionLostException(_lostReason ?? $"Shell session {Name} is running a step.");
            }

            _lostReason = "the shell was handed over";
        }

        var bytes = Encoding.UTF8.GetBytes(script);
        try
        {
            await _stream.WriteAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            throw new ShellSessionLostException($"cannot write to the shell: {e.Message}");
        }
    }

    /// <summary>
    /// Runs one step. On cancellation, <paramref name="kill"/> is asked to end the step's processes and
    /// the call still waits (a bounded time) for the step's end before throwing.
    /// </summary>
    public async Task<StepOutcome> RunAsync(StepScript script, IShellOutput output, Func<StepScript, Task> kill, CancellationToken cancellationToken)
    {
        var step = new ActiveStep(script, output);
        await SendAsync(step, script.Text, CancellationToken.None).ConfigureAwait(false);
        try
        {
            return await step.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await kill(script).ConfigureAwait(false);
            try
            {
                await step.Done.Task.WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is TimeoutException or ShellSessionLostException)
            {
                MarkLost("a cancelled step did not end");
            }

            throw;
        }
    }

    private async Task SendAsync(ActiveStep step, string text, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_lostReason is not null)
            {
                throw new ShellSessionLostException(_lostReason);
            }

            if (_active is not null)
            {
                throw new InvalidOperationException($"Shell session {Name} is already running a step.");
            }

            _active = step;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        try
        {
            await _stream.WriteAsync(bytes, 0, bytes.Length, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            MarkLost($"cannot write to the shell: {e.Message}");
            throw new ShellSessionLostException(_lostReason!);
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var read = await _stream.ReadOutputAsync(buffer, 0, buffer.Length, _stop.Token).ConfigureAwait(false);
                if (read.EOF)
                {
                    MarkLost("the agent's shell ended");
                    return;
                }

                ActiveStep? step;
                lock (_gate)
                {
                    step = _active;
                }

                // Output with no step running (a background process of an earlier step) has no owner: dropped.
                if (step is not null && step.Accept(read.Target == MultiplexedStream.TargetStream.StandardError, buffer.AsSpan(0, read.Count)))
                {
                    // Before the step ends: its session's next text must come after the go.
                    var goFailed = await SendGoAsync().ConfigureAwait(false);
                    lock (_gate)
                    {
                        _active = null;
                    }

                    step.Complete();
                    if (goFailed is not null)
                    {
                        MarkLost(goFailed);
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or DockerApiException)
        {
            MarkLost($"the agent's shell stream failed: {e.Message}");
        }
    }

    private void MarkLost(string reason)
    {
        ActiveStep? step;
        lock (_gate)
        {
            _lostReason ??= reason;
            step = _active;
            _active = null;
        }

        step?.Done.TrySetException(new ShellSessionLostException(reason));
    }

    public async ValueTask DisposeAsync()
    {
        MarkLost("the agent was released");
        await _stop.CancelAsync().ConfigureAwait(false);
        _stream.Dispose();
        try
        {
#pragma warning disable VSTHRD003 // The reader task is this session's own, started in its constructor.
            await _reader.ConfigureAwait(false);
#pragma warning restore VSTHRD003
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class ActiveStep(StepScript script, IShellOutput output)
    {
        private readonly MarkerScanner _stdout = new(script.Marker);
        private readonly MarkerScanner _stderr = new(script.Marker);
        private readonly Decoder _stdoutDecoder = Encoding.UTF8.GetDecoder();
        private readonly Decoder _stderrDecoder = Encoding.UTF8.GetDecoder();
        private readonly MemoryStream? _captured = script.CaptureStdout ? new MemoryStream() : null;

        public TaskCompletionSource<StepOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Takes a chunk; true when the step has ended.</summary>
        public bool Accept(bool stderr, ReadOnlySpan<byte> chunk)
        {
            if (stderr && !script.StderrMarker)
            {
                // The step's own stderr is merged into stdout; this is the shell's own, shown as is.
                Write(_stderrDecoder, chunk, flush: false);
                return false;
            }

            var scanner = stderr ? _stderr : _stdout;
            var payload = scanner.Feed(chunk);
            if (stderr || _captured is null)
            {
                Write(stderr ? _stderrDecoder : _stdoutDecoder, payload, scanner.Found);
            }
            else
            {
                _captured.Write(payload);
            }

            return Ended;
        }

        private bool Ended => _stdout.Complete && (!script.StderrMarker || _stderr.Complete);

        public void Complete()
        {
            var parts = _stdout.Trailer.Split(';');
            var exit = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var oom = parts.Length > 1 && long.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : -1;
            var stdout = _captured is null ? null : Encoding.UTF8.GetString(_captured.GetBuffer(), 0, (int)_captured.Length);
            Done.TrySetResult(new StepOutcome(exit, oom, stdout));
        }

        private void Write(Decoder decoder, ReadOnlySpan<byte> bytes, bool flush)
        {
            if (bytes.IsEmpty && !flush)
            {
                return;
            }

            var chars = new char[decoder.GetCharCount(bytes, flush)];
            var count = decoder.GetChars(bytes, chars, flush);
            if (count > 0)
            {
                output.Write(new string(chars, 0, count));
            }
        }
    }

    private sealed class NullOutput : IShellOutput
    {
        public static readonly NullOutput Instance = new();

        public void Write(string text)
        {
        }
    }
}
