using System.Collections.Concurrent;
using ContainerCd.Server.Hubs;
using ContainerCd.Server.Storage;
using Microsoft.AspNetCore.SignalR;

namespace ContainerCd.Server.Live;

/// <summary>
/// The subscriptions of each hub connection: one <see cref="Subscription"/> task per followed build,
/// plus the jobs a connection follows (each new build of such a job is followed from its first event).
/// Everything of a connection ends when it disconnects.
/// </summary>
internal sealed class SubscriptionManager : IDisposable
{
    private readonly ConcurrentDictionary<string, ConnectionState> _connections = new(StringComparer.Ordinal);
    private readonly IHubContext<BuildHub, IBuildClient> _hub;
    private readonly LiveBuilds _live;
    private readonly BuildPaths _paths;
    private readonly TimeProvider _time;

    private readonly long _maxLagBytes;

    public SubscriptionManager(IHubContext<BuildHub, IBuildClient> hub, LiveBuilds live, BuildPaths paths, TimeProvider time, Hosting.ServeSettings settings)
    {
        _maxLagBytes = settings.MaxSubscriberLagBytes;
        _hub = hub;
        _live = live;
        _paths = paths;
        _time = time;
        _live.Opened += OnBuildOpened;
    }

    public void Dispose()
    {
        _live.Opened -= OnBuildOpened;
        foreach (var connectionId in _connections.Keys)
        {
            RemoveConnection(connectionId);
        }
    }

    public void SubscribeBuild(string connectionId, string buildId, long fromSequence)
    {
        var state = _connections.GetOrAdd(connectionId, _ => new ConnectionState());
        var cancellation = new CancellationTokenSource();
        lock (state)
        {
            if (state.Closed)
            {
                return;
            }

            if (state.Builds.Remove(buildId, out var previous))
            {
                previous.Cancel();
                previous.Dispose();
            }

            state.Builds[buildId] = cancellation;
        }

        var subscription = new Subscription(buildId, fromSequence, _hub.Clients.Client(connectionId), _live, _paths, _time, _maxLagBytes);
        _ = Task.Run(async () =>
        {
            try
            {
                await subscription.RunAsync(cancellation.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
#pragma warning disable CA1031 // A failed send means the connection is gone; it is cleaned up on disconnect.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
            finally
            {
                lock (state)
                {
                    if (state.Builds.TryGetValue(buildId, out var current) && current == cancellation)
                    {
                        state.Builds.Remove(buildId);
                        cancellation.Dispose();
                    }
                }
            }
        });
    }

    public void Unsubscribe(string connectionId, string buildId)
    {
        if (_connections.TryGetValue(connectionId, out var state))
        {
            lock (state)
            {
                if (state.Builds.Remove(buildId, out var cancellation))
                {
                    cancellation.Cancel();
                }
            }
        }
    }

    /// <summary>Follows every build of <paramref name="job"/>: the ones queued or running now (from their first event) and each new one.</summary>
    public IReadOnlyList<string> SubscribeJob(string connectionId, string job)
    {
        var state = _connections.GetOrAdd(connectionId, _ => new ConnectionState());
        lock (state)
        {
            state.Jobs.Add(job);
        }

        var current = _live.OfJob(job).Select(s => s.BuildId).ToList();
        foreach (var buildId in current)
        {
            SubscribeBuild(connectionId, buildId, 1);
        }

        return current;
    }

    public void UnsubscribeJob(string connectionId, string job)
    {
        if (_connections.TryGetValue(connectionId, out var state))
        {
            lock (state)
            {
                state.Jobs.Remove(job);
            }
        }
    }

    public void RemoveConnection(string connectionId)
    {
        if (!_connections.TryRemove(connectionId, out var state))
        {
            return;
        }

        lock (state)
        {
            state.Closed = true;
            foreach (var cancellation in state.Builds.Values)
            {
                cancellation.Cancel();
            }

            state.Builds.Clear();
            state.Jobs.Clear();
        }
    }

    private void OnBuildOpened(BuildStream stream)
    {
        foreach (var (connectionId, state) in _connections)
        {
            bool follows;
            lock (state)
            {
                follows = state.Jobs.Contains(stream.Job) && !state.Builds.ContainsKey(stream.BuildId);
            }

            if (follows)
            {
                SubscribeBuild(connectionId, stream.BuildId, 1);
            }
        }
    }

    private sealed class ConnectionState
    {
        public Dictionary<string, CancellationTokenSource> Builds { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Jobs { get; } = new(StringComparer.Ordinal);

        public bool Closed { get; set; }
    }
}
