using ContainerCd.Runtime.Delivery.Routing;

namespace ContainerCd.Docker.Tests.Delivery;

/// <summary>
/// A fake of the router for the strategies' tests: it keeps the tables it is given (and every one, in order) and
/// proves a pool healthy with real GETs to its backends, but serves no port.
/// </summary>
internal sealed class RecordingRouter : IRouterControl
{
    private readonly Dictionary<int, RouteTable> _tables = [];

    public List<RouteTable> Applied { get; } = [];

    public List<int> Removed { get; } = [];

    public RouteTable? Table(int port)
    {
        lock (_tables)
        {
            return _tables.GetValueOrDefault(port);
        }
    }

    public Dictionary<string, int> Weights(int port) => Table(port)?.Pools.ToDictionary(p => p.Name, p => p.Weight) ?? [];

    public Task<RouteStatus> ApplyAsync(RouteTable table, CancellationToken cancellationToken)
    {
        lock (_tables)
        {
            _tables[table.PublicPort] = table;
            Applied.Add(table);
        }

        return Task.FromResult(Status(table));
    }

    public Task<RouteStatus?> GetAsync(int publicPort, CancellationToken cancellationToken) =>
        Task.FromResult(Table(publicPort) is { } table ? Status(table) : null);

    public Task<IReadOnlyList<RouteStatus>> ListAsync(CancellationToken cancellationToken)
    {
        lock (_tables)
        {
            return Task.FromResult<IReadOnlyList<RouteStatus>>([.. _tables.Values.Select(Status)]);
        }
    }

    public async Task<bool> WaitHealthyAsync(int publicPort, string pool, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var backends = Table(publicPort)?.Pools.FirstOrDefault(p => p.Name == pool)?.Backends ?? [];
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        foreach (var backend in backends)
        {
            try
            {
                using var response = await http.GetAsync(backend, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    return false;
                }
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }

        return backends.Count > 0;
    }

    public Task RemoveAsync(int publicPort, CancellationToken cancellationToken)
    {
        lock (_tables)
        {
            _tables.Remove(publicPort);
            Removed.Add(publicPort);
        }

        return Task.CompletedTask;
    }

    private static RouteStatus Status(RouteTable table) =>
        new(table, [.. table.Pools.SelectMany(p => p.Backends.Select(b => new BackendState(p.Name, b, true, 0, 0)))]);
}
