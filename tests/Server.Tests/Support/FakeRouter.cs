using System.Collections.Concurrent;
using ContainerCd.Runtime.Delivery.Routing;

namespace ContainerCd.Server.Tests.Support;

/// <summary>A fake <see cref="IRouterControl"/> for the server's live weights: it serves the tables a test sets, and routes nothing.</summary>
internal sealed class FakeRouter : IRouterControl
{
    private readonly ConcurrentDictionary<int, RouteStatus> _routes = new();

    /// <summary>A route of <paramref name="project"/> on <paramref name="port"/>, one backend per pool with the given health.</summary>
    public static RouteStatus Route(string project, int port, params (string Pool, int Weight, bool Healthy)[] pools)
    {
        var tables = pools.Select((p, i) => new BackendPool(p.Pool, p.Weight, [new Uri($"http://172.17.0.{i + 2}:8080")])).ToList();
        return new RouteStatus(
            new RouteTable(project, "web", "127.0.0.1", port, tables, RouteHealthCheck.Default, TimeSpan.FromSeconds(5)),
            [.. pools.Select((p, i) => new BackendState(p.Pool, tables[i].Backends[0], p.Healthy, 0, 0))]);
    }

    public void Set(RouteStatus route) => _routes[route.Table.PublicPort] = route;

    public Task<RouteStatus> ApplyAsync(RouteTable table, CancellationToken cancellationToken) => throw new NotSupportedException("the fake router only reports");

    public Task<RouteStatus?> GetAsync(int publicPort, CancellationToken cancellationToken) => Task.FromResult(_routes.TryGetValue(publicPort, out var route) ? route : null);

    public Task<IReadOnlyList<RouteStatus>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RouteStatus>>([.. _routes.Values.OrderBy(r => r.Table.PublicPort)]);

    public Task<bool> WaitHealthyAsync(int publicPort, string pool, TimeSpan timeout, CancellationToken cancellationToken) => throw new NotSupportedException("the fake router only reports");

    public Task RemoveAsync(int publicPort, CancellationToken cancellationToken) => throw new NotSupportedException("the fake router only reports");
}
