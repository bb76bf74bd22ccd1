using System.Text;
using ContainerCd.Runtime.Agents;

namespace ContainerCd.Runtime.Docker.Shell;

internal sealed partial class ShellSession
{
    /// <summary>The end marker of every step once the session's shell runs a <see cref="StepWorkerLoop"/>; null before.</summary>
    private volatile string? _workerMarker;

    /// <summary>The loop's go (<see cref="StepWorkerLoop.Go"/>), once it runs.</summary>
    private byte[] _go = [];

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Whether steps go to a worker forked before they arrive (<see cref="StepWorkerLoop"/>), rather than each to a subshell of its own.</summary>
    public bool RunsWorkers => _workerMarker is not null;

    /// <summary>
    /// Starts the <see cref="StepWorkerLoop"/> in this session's shell, before its first step: from then on each step goes
    /// to a worker (see <see cref="Prepare"/>). Doubles as the probe that the shell reads its input.
    /// </summary>
    public async Task StartWorkersAsync(CancellationToken cancellationToken)
    {
        var marker = StepScript.NewMarker();
        var start = StepScript.Control(StepWorkerLoop.Script(marker), marker, stderrMarker: false);
        var step = new ActiveStep(start, NullOutput.Instance);
        await SendAsync(step, start.Text, cancellationToken).ConfigureAwait(false);
        try
        {
            await step.Done.Task.WaitAsync(StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // Whether the loop starts later is unknown: the session takes no step.
            MarkLost("the shell did not answer");
            throw new ShellSessionLostException($"The shell {Name} did not answer within a minute.");
        }

        _go = Encoding.ASCII.GetBytes(StepWorkerLoop.Go(marker));
        _workerMarker = marker;
        if (await SendGoAsync().ConfigureAwait(false) is { } failed)
        {
            MarkLost(failed);
            throw new ShellSessionLostException(failed);
        }
    }

    /// <summary>Lets the loop start the next worker, once a step's marker has been read (a no-op without the loop); the reason when the shell cannot be written to.</summary>
    private async Task<string?> SendGoAsync()
    {
        if (_workerMarker is null)
        {
            return null;
        }

        try
        {
            await _stream.WriteAsync(_go, 0, _go.Length, CancellationToken.None).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            return $"cannot write to the shell: {e.Message}";
        }
    }

    /// <summary>The text that runs <paramref name="command"/> in this session: for its worker, or as a subshell of its own.</summary>
    public StepScript Prepare(ShellCommand command) =>
        _workerMarker is { } marker ? StepScript.ForWorker(command, marker) : StepScript.Create(command);
}
