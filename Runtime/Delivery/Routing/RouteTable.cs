namespace ContainerCd.Runtime.Delivery.Routing;

/// <summary>
/// What one published port of a deployed service routes to. <see cref="Pools"/> are the versions (colours,
/// <c>blue</c>/<c>green</c>, or a rolling update's old and new replicas); a request goes to a pool with probability
/// weight / sum of weights, unless <see cref="Match"/> sends it to a named pool. When the chosen pool has no healthy
/// backend the request goes to another pool of weight above 0 that has one; with none, the router answers 503.
/// </summary>
public sealed record RouteTable(
    string Project,
    string Service,
    string ListenAddress,
    int PublicPort,
    IReadOnlyList<BackendPool> Pools,
    RouteHealthCheck HealthCheck,
    TimeSpan DrainTimeout,
    AbMatch? Match = null);

/// <summary>One version's backends (<c>http://172.17.0.5:8080</c>) and its share of requests; requests inside a pool go round-robin to healthy backends.</summary>
public sealed record BackendPool(string Name, int Weight, IReadOnlyList<Uri> Backends);

/// <summary>The router's active check: <c>GET Path</c> on each backend every <see cref="Interval"/>; 2xx or 3xx within <see cref="Timeout"/> is healthy.</summary>
public sealed record RouteHealthCheck(string Path, TimeSpan Interval, TimeSpan Timeout)
{
    public static RouteHealthCheck Default { get; } = new("/", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
}

/// <summary>A-B routing: a request whose header (or cookie) <see cref="Name"/> equals <see cref="Value"/> goes to <see cref="Pool"/>, whatever the weights.</summary>
public sealed record AbMatch(AbMatchKind Kind, string Name, string Value, string Pool);

public enum AbMatchKind
{
    Header,
    Cookie,
}
