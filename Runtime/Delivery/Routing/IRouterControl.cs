namespace ContainerCd.Runtime.Delivery.Routing;

/// <summary>
/// The router ContainerCd owns for deployed services: one HTTP listener per published port
/// (<c>ports: ["18080:8080"]</c> means clients use <c>127.0.0.1:18080</c>), each request sent to a pool chosen by
/// weight (or by an A-B match) and within the pool to a healthy backend. Routes outlive the process that set them
/// (a <c>containercd run</c> that deployed, a <c>serve</c> restart): the router keeps them under the home and
/// re-establishes them when it starts.
/// </summary>
public interface IRouterControl
{
    /// <summary>
    /// Creates the route on <see cref="RouteTable.PublicPort"/> or changes it to <paramref name="table"/>. A backend
    /// gets requests only once it has passed the router's health check. Returns when the router serves the new
    /// table and every backend no longer in it has been drained: it gets no new request and its requests in flight
    /// have finished (or <see cref="RouteTable.DrainTimeout"/> passed), so its container can be stopped without
    /// dropping a request.
    /// </summary>
    Task<RouteStatus> ApplyAsync(RouteTable table, CancellationToken cancellationToken);

    /// <summary>The route on a port with each backend's health and load; null when there is none.</summary>
    Task<RouteStatus?> GetAsync(int publicPort, CancellationToken cancellationToken);

    /// <summary>Every route the router serves.</summary>
    Task<IReadOnlyList<RouteStatus>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Waits until every backend of <paramref name="pool"/> on the port passes the router's health check; false when
    /// <paramref name="timeout"/> passes first. A pool of weight 0 is checked too, so a new colour can be proven
    /// healthy before any request is sent to it.
    /// </summary>
    Task<bool> WaitHealthyAsync(int publicPort, string pool, TimeSpan timeout, CancellationToken cancellationToken);

    /// <summary>Drains every backend of the route, then stops listening on the port.</summary>
    Task RemoveAsync(int publicPort, CancellationToken cancellationToken);
}
