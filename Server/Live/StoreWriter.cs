using System.Threading.Channels;
using ContainerCd.Server.Hubs;
using ContainerCd.Server.Storage;
using Microsoft.Extensions.Logging;

namespace ContainerCd.Server.Live;

/// <summary>
/// Writes what events say about stages, steps, tests and inputs to SQLite on a background task, in
/// event order, so a build thread never waits on the database. Log text never goes through here.
/// </summary>
internal sealed partial class StoreWriter : IAsyncDisposable
{
    private readonly Channel<(string Job, int Number, BuildEventDto? Dto, TaskCompletionSource? Flushed)> _queue =
        Channel.CreateUnbounded<(string, int, BuildEventDto?, TaskCompletionSource?)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly BuildStore _store;
    private readonly ILogger _logger;
    private readonly Task _pump;

    public StoreWriter(BuildStore store, ILogger<StoreWriter> logger)
    {
        _store = store;
        _logger = logger;
        _pump = Task.Run(PumpAsync);
    }

    /// <summary>Told each event once it is written (on the writer's task), e.g. so a page that reads the store reads it again.</summary>
    public event Action<string, int, BuildEventDto>? Stored;

    public void Enqueue(string job, int number, BuildEventDto dto) => _queue.Writer.TryWrite((job, number, dto, null));

    /// <summary>Completes once everything enqueued before the call is written.</summary>
    public Task FlushAsync()
    {
        var flushed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_queue.Writer.TryWrite((string.Empty, 0, null, flushed)))
        {
            flushed.TrySetResult();
        }

#pragma warning disable VSTHRD003 // Completed by the writer's own task once it reaches this marker.
        return flushed.Task;
#pragma warning restore VSTHRD003
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
#pragma warning disable VSTHRD003 // The writer's own task, started in the constructor.
        await _pump.ConfigureAwait(false);
#pragma warning restore VSTHRD003
    }

    private async Task PumpAsync()
    {
        await foreach (var (job, number, dto, flushed) in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (flushed is not null)
            {
                flushed.TrySetResult();
                continue;
            }

            try
            {
                _store.Apply(job, number, dto!);
                Stored?.Invoke(job, number, dto!);
            }
#pragma warning disable CA1031 // One bad write must not stop the recording of every other build.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogWriteFailed(_logger, exception, job, number, dto!.Sequence);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store event {Sequence} of {Job} #{Number}")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception, string job, int number, long sequence);
}
