using ContainerCd.Runtime.Delivery.Routing;

namespace ContainerCd.Router.Tests.Support;

/// <summary>Route tables for tests: pools by name, weight and backends, checked fast.</summary>
internal static class Tables
{
    public static readonly RouteHealthCheck FastCheck = new("/health", TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1));

    public static RouteTable Route(int port, params BackendPool[] pools) =>
        new("shop", "web", "127.0.0.1", port, pools, FastCheck, TimeSpan.FromSeconds(30));

    public static BackendPool Pool(string name, int weight, params TestBackend[] backends) =>
        new(name, weight, [.. backends.Select(b => b.Address)]);
}
