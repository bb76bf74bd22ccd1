using System.Collections.Concurrent;
using ContainerCd.Server.Jobs;
using ContainerCd.Server.Triggers;

namespace ContainerCd.Server.Tests.Support;

/// <summary>A poller whose answer a test sets per job (the git core's poller comes later); it counts the polls.</summary>
internal sealed class FakePoller : IScmPoller
{
    private readonly ConcurrentDictionary<string, bool> _moved = new(StringComparer.Ordinal);

    public ConcurrentQueue<string> Polled { get; } = new();

    public void SetMoved(string job, bool moved) => _moved[job] = moved;

    public ValueTask<bool> HasMovedAsync(JobDefinition job, CancellationToken cancellationToken)
    {
        Polled.Enqueue(job.Name);
        return ValueTask.FromResult(_moved.TryRemove(job.Name, out var moved) && moved);
    }
}
