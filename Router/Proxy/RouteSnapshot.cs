using System.Collections.Immutable;
using ContainerCd.Runtime.Delivery.Routing;
using Microsoft.AspNetCore.Http;

namespace ContainerCd.Router.Proxy;

/// <summary>
/// One version of a route's table with its live backends: chooses, per request, a pool (the A-B match first, then
/// by weight, smooth weighted round-robin over the pools that have a healthy backend, as nginx does) and within it
/// a healthy backend, round-robin. A pool without a healthy backend is passed over, so its share goes to the others.
/// </summary>
internal sealed class RouteSnapshot
{
    private readonly Lock _weights = new();
    private readonly ImmutableArray<PoolState> _pools;

    public RouteSnapshot(RouteTable table, ImmutableArray<Backend> backends)
    {
        Table = table;
        Backends = backends;
        _pools = [.. table.Pools.Select(p => new PoolState(p.Name, p.Weight, [.. backends.Where(b => b.Pool == p.Name)]))];
    }

    public RouteTable Table { get; }

    public ImmutableArray<Backend> Backends { get; }

    /// <summary>A healthy backend for the request (never <paramref name="except"/>), or null when there is none.</summary>
    public Backend? Choose(HttpRequest request, Backend? except = null)
    {
        if (Table.Match is { } match && Matches(match, request)
            && _pools.First(p => p.Name == match.Pool).NextHealthy(except) is { } matched)
        {
            return matched;
        }

        lock (_weights)
        {
            // Smooth weighted round-robin: every candidate gains its weight, the highest is chosen and pays the total.
            PoolState? chosen = null;
            var total = 0;
            foreach (var pool in _pools)
            {
                if (pool.Weight > 0 && pool.HasHealthy(except))
                {
                    pool.Current += pool.Weight;
                    total += pool.Weight;
                    if (chosen is null || pool.Current > chosen.Current)
                    {
                        chosen = pool;
                    }
                }
            }

            if (chosen is null)
            {
                return null;
            }

            chosen.Current -= total;
            return chosen.NextHealthy(except);
        }
    }

    /// <summary>Whether another healthy backend than <paramref name="except"/> could take the request, were it to fail.</summary>
    public bool HasAlternative(HttpRequest request, Backend except) =>
        _pools.Any(p => (p.Weight > 0 || (Table.Match is { } match && match.Pool == p.Name && Matches(match, request))) && p.HasHealthy(except));

    /// <summary>Whether a backend that has not had its first check yet could serve the request once it has.</summary>
    public Task? PendingFirstCheckAsync(HttpRequest request)
    {
        var pending = Backends.Where(b => !b.FirstCheck.IsCompleted
            && (_pools.Any(p => p.Name == b.Pool && p.Weight > 0) || (Table.Match is { } match && match.Pool == b.Pool && Matches(match, request))))
            .Select(b => b.FirstCheck).ToArray();
        return pending.Length == 0 ? null : Task.WhenAny(pending);
    }

    private static bool Matches(AbMatch match, HttpRequest request) => match.Kind switch
    {
        AbMatchKind.Header => request.Headers.TryGetValue(match.Name, out var values) && values.Contains(match.Value, StringComparer.Ordinal),
        AbMatchKind.Cookie => request.Cookies.TryGetValue(match.Name, out var value) && string.Equals(value, match.Value, StringComparison.Ordinal),
        _ => false,
    };

    private sealed class PoolState(string name, int weight, ImmutableArray<Backend> backends)
    {
        private int _next = -1;

        public string Name { get; } = name;

        public int Weight { get; } = weight;

        /// <summary>The smooth weighted round-robin counter (guarded by the snapshot's lock).</summary>
        public int Current { get; set; }

        public bool HasHealthy(Backend? except) => backends.Any(b => b.Healthy && !b.Removed && b != except);

        public Backend? NextHealthy(Backend? except)
        {
            for (var i = 0; i < backends.Length; i++)
            {
                var backend = backends[(int)((uint)Interlocked.Increment(ref _next) % (uint)backends.Length)];
                if (backend.Healthy && !backend.Removed && backend != except)
                {
                    return backend;
                }
            }

            return null;
        }
    }
}
