using System.Collections.Concurrent;

namespace ContainerCd.Server.Live;

/// <summary>The streams of queued and running builds (and of builds finished a moment ago), by build id.</summary>
internal sealed class LiveBuilds
{
    private readonly ConcurrentDictionary<string, BuildStream> _streams = new(StringComparer.Ordinal);

    /// <summary>Raised after a stream is added: job subscriptions start following the new build.</summary>
    public event Action<BuildStream>? Opened;

    public void Add(BuildStream stream)
    {
        _streams[stream.BuildId] = stream;
        Opened?.Invoke(stream);
    }

    public void Remove(string buildId) => _streams.TryRemove(buildId, out _);

    public BuildStream? Get(string buildId) => _streams.TryGetValue(buildId, out var stream) ? stream : null;

    public IReadOnlyList<BuildStream> OfJob(string job) => [.. _streams.Values.Where(s => s.Job == job).OrderBy(s => s.Number)];
}
