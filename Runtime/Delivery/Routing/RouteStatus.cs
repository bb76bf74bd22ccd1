namespace ContainerCd.Runtime.Delivery.Routing;

/// <summary>A route as the router serves it now: its table and each backend's state.</summary>
public sealed record RouteStatus(RouteTable Table, IReadOnlyList<BackendState> Backends);

/// <summary>One backend: whether it passes the health check, requests in flight, and requests served since the route was set.</summary>
public sealed record BackendState(string Pool, Uri Address, bool Healthy, long InFlight, long Served);
