using System.Collections.Immutable;
using System.Globalization;
using ContainerCd.Runtime.Delivery.Compose;
using ContainerCd.Runtime.Delivery.Routing;

namespace ContainerCd.Runtime.Delivery.Deploying;

/// <summary>What is deployed (pools from the containers' labels) and the router tables that send traffic to it.</summary>
public sealed partial class ComposeDeployer
{
    /// <summary>A version of the project: its colour and the deployment generation that started it.</summary>
    internal sealed record PoolInfo(string Name, long Generation);

    /// <summary>The pools the containers belong to, oldest first.</summary>
    internal static List<PoolInfo> Pools(IEnumerable<DeployedContainer> containers) =>
        [.. containers.GroupBy(c => c.Pool, StringComparer.Ordinal)
            .Select(g => new PoolInfo(g.Key, g.Max(c => c.Generation)))
            .OrderBy(p => p.Generation)];

    private async Task<IReadOnlyList<RouteStatus>> RoutesAsync(string project, CancellationToken cancellationToken) =>
        [.. (await router.ListAsync(cancellationToken).ConfigureAwait(false)).Where(r => r.Table.Project == project)];

    /// <summary>The published ports of the template's services: each is a route.</summary>
    private static IEnumerable<(ComposeService Service, PortMapping Port)> RoutedPorts(ComposeFile file) =>
        file.Services.SelectMany(s => s.Ports.Where(p => p.Published is not null).Select(p => (s, p)));

    private async Task CheckPortsAsync(ComposeFile file, string project, CancellationToken cancellationToken)
    {
        foreach (var (service, port) in RoutedPorts(file))
        {
            if (await router.GetAsync(port.Published!.Value, cancellationToken).ConfigureAwait(false) is { } route
                && (route.Table.Project != project || route.Table.Service != service.Name))
            {
                throw new DeploymentException(string.Create(CultureInfo.InvariantCulture,
                    $"composeDeploy: port {port.Published} of service {service.Name} is already routed to service {route.Table.Service} of project '{route.Table.Project}'"));
            }
        }
    }

    /// <summary>
    /// The route of one published port: a pool per version running, backends at the containers' addresses on the
    /// target port. A pool's weight comes from <paramref name="weights"/>, else from the router's current table,
    /// else 100; the new pool has <paramref name="newWeight"/>.
    /// </summary>
    private RouteTable Table(
        string project,
        ComposeService service,
        PortMapping port,
        IEnumerable<DeployedContainer> running,
        IReadOnlyList<RouteStatus> routes,
        IEnumerable<DeployedContainer> started,
        Dictionary<string, int>? weights,
        string? newPool,
        int newWeight,
        AbMatch? match)
    {
        var existing = routes.FirstOrDefault(r => r.Table.PublicPort == port.Published)?.Table;
        var pools = new List<BackendPool>();
        foreach (var group in running.Where(c => c.Service == service.Name && c.Pool != newPool).GroupBy(c => c.Pool, StringComparer.Ordinal))
        {
            var weight = weights is not null && weights.TryGetValue(group.Key, out var given) ? given
                : existing?.Pools.FirstOrDefault(p => p.Name == group.Key)?.Weight ?? 100;
            pools.Add(new BackendPool(group.Key, weight, Backends(group, port)));
        }

        var fresh = started.Where(c => c.Service == service.Name && c.Pool == newPool).ToList();
        if (newPool is not null && fresh.Count > 0)
        {
            pools.Add(new BackendPool(newPool, newWeight, Backends(fresh, port)));
        }

        return new RouteTable(project, service.Name, port.HostIp, port.Published!.Value, [.. pools.OrderBy(p => p.Name, StringComparer.Ordinal)],
            existing?.HealthCheck ?? RouteHealthCheck.Default, DrainTimeout, match);
    }

    private static List<Uri> Backends(IEnumerable<DeployedContainer> containers, PortMapping port) =>
        [.. containers.Where(c => c.Address is not null).OrderBy(c => c.Replica).Select(c => new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{c.Address}:{port.Target}")))];

    /// <summary>The weights the router applies now (of the project's first route), or the only pool at 100 when nothing is routed.</summary>
    private static ImmutableDictionary<string, int> CurrentWeights(IReadOnlyList<RouteStatus> routes, PoolInfo? only) =>
        routes.Count > 0 ? routes[0].Table.Pools.ToImmutableDictionary(p => p.Name, p => p.Weight, StringComparer.Ordinal)
        : only is null ? ImmutableDictionary<string, int>.Empty
        : ImmutableDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal).Add(only.Name, 100);

    private static string Describe(IEnumerable<PoolInfo> pools) => string.Join(" and ", pools.Select(p => p.Name));

    internal static string DescribeWeights(IReadOnlyDictionary<string, int> weights) =>
        string.Join(", ", weights.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value}")));
}
