using System.Collections.Concurrent;
using ContainerCd.Router.Proxy;
using ContainerCd.Runtime.Delivery.Routing;
using Microsoft.Extensions.Logging;

namespace ContainerCd.Router;

/// <summary>
/// The routes of one router, in process: what the control socket drives. Changes to one port are made one at a
/// time and stored before the drain that follows them, so a router killed mid-drain comes back with the new table.
/// Bad input: <see cref="ArgumentException"/> (a table that says why it is unusable), <see cref="KeyNotFoundException"/>
/// (no route on the port), <see cref="IOException"/> (the port cannot be listened on).
/// </summary>
internal sealed class RouterService : IAsyncDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);
    private readonly ConcurrentDictionary<int, Route> _routes = new();
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _portLocks = new();
    private readonly ProxyResources _resources;
    private readonly RouteStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _log;

    public RouterService(RouterPaths paths, ILoggerFactory logs, TimeProvider time)
    {
        _resources = new ProxyResources(logs);
        _store = new RouteStore(paths);
        _time = time;
        _log = logs.CreateLogger("ContainerCd.Router");
    }

    /// <summary>Serves the stored routes again (a router restarted); returns how many listen.</summary>
    public async Task<int> RestoreAsync(CancellationToken cancellationToken)
    {
        var restored = 0;
        foreach (var table in _store.Load((file, reason) => Log.UnreadableRoute(_log, file, reason)))
        {
            try
            {
                _routes[table.PublicPort] = await Route.StartAsync(table, _resources, cancellationToken).ConfigureAwait(false);
                restored++;
            }
            catch (IOException e)
            {
                Log.RestoreFailed(_log, table.PublicPort, e.Message);
            }
        }

        return restored;
    }

    public async Task<RouteStatus> ApplyAsync(RouteTable table, CancellationToken cancellationToken)
    {
        if (RouteValidation.Problem(table) is { } problem)
        {
            throw new ArgumentException(problem, nameof(table));
        }

        var portLock = _portLocks.GetOrAdd(table.PublicPort, _ => new SemaphoreSlim(1, 1));
        await portLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IReadOnlyList<Backend> removed = [];
            if (_routes.TryGetValue(table.PublicPort, out var route))
            {
                removed = await route.ApplyAsync(table, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                route = await Route.StartAsync(table, _resources, cancellationToken).ConfigureAwait(false);
                _routes[table.PublicPort] = route;
            }

            _store.Save(table);
            Log.Applied(_log, table.PublicPort, table.Project, table.Service, string.Join(", ", table.Pools.Select(p => $"{p.Name} {p.Weight} ({p.Backends.Count} backends)")));
            await DrainAsync(table.PublicPort, removed, table.DrainTimeout, cancellationToken).ConfigureAwait(false);
            return route.Status;
        }
        finally
        {
            portLock.Release();
        }
    }

    public RouteStatus? Get(int publicPort) => _routes.TryGetValue(publicPort, out var route) ? route.Status : null;

    public IReadOnlyList<RouteStatus> List() => [.. _routes.OrderBy(r => r.Key).Select(r => r.Value.Status)];

    public async Task<bool> WaitHealthyAsync(int publicPort, string pool, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = _time.GetTimestamp() + (long)(timeout.TotalSeconds * _time.TimestampFrequency);
        while (true)
        {
            var route = _routes.GetValueOrDefault(publicPort) ?? throw new KeyNotFoundException($"no route on port {publicPort}");
            var snapshot = route.Current;
            if (snapshot.Table.Pools.All(p => p.Name != pool))
            {
                throw new KeyNotFoundException($"the route on port {publicPort} has no pool '{pool}' (it has {string.Join(", ", snapshot.Table.Pools.Select(p => p.Name))})");
            }

            if (snapshot.Backends.Where(b => b.Pool == pool).All(b => b.Healthy))
            {
                return true;
            }

            if (_time.GetTimestamp() >= deadline)
            {
                return false;
            }

            await Task.Delay(Poll, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task RemoveAsync(int publicPort, CancellationToken cancellationToken)
    {
        var portLock = _portLocks.GetOrAdd(publicPort, _ => new SemaphoreSlim(1, 1));
        await portLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_routes.TryGetValue(publicPort, out var route))
            {
                throw new KeyNotFoundException($"no route on port {publicPort}");
            }

            await DrainAsync(publicPort, route.RemoveAll(), route.Current.Table.DrainTimeout, cancellationToken).ConfigureAwait(false);
            _routes.TryRemove(publicPort, out _);
            _store.Delete(publicPort);
            await route.DisposeAsync().ConfigureAwait(false);
            Log.Removed(_log, publicPort);
        }
        finally
        {
            portLock.Release();
        }
    }

    /// <summary>Stops listening (the routes stay stored for the next start).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var route in _routes.Values)
        {
            await route.DisposeAsync().ConfigureAwait(false);
        }

        _routes.Clear();
        _resources.Dispose();
    }

    /// <summary>Waits until the removed backends have no request in flight, or the drain timeout passed.</summary>
    private async Task DrainAsync(int port, IReadOnlyList<Backend> removed, TimeSpan drainTimeout, CancellationToken cancellationToken)
    {
        var deadline = _time.GetTimestamp() + (long)(drainTimeout.TotalSeconds * _time.TimestampFrequency);
        while (removed.Any(b => b.InFlight > 0))
        {
            if (_time.GetTimestamp() >= deadline)
            {
                foreach (var backend in removed.Where(b => b.InFlight > 0))
                {
                    Log.DrainTimedOut(_log, port, backend.Pool, backend.Address, backend.InFlight);
                }

                return;
            }

            await Task.Delay(Poll, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
