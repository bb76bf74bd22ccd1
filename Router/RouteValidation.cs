using System.Net;
using ContainerCd.Runtime.Delivery.Routing;

namespace ContainerCd.Router;

/// <summary>What makes a route table unusable, said in words (null when it is fine).</summary>
internal static class RouteValidation
{
    public static string? Problem(RouteTable? table)
    {
        if (table is null)
        {
            return "no route table";
        }

        var where = $"route {table.Project}/{table.Service} on port {table.PublicPort}";
        if (table.PublicPort is < 1 or > 65535)
        {
            return $"{where}: the public port must be 1-65535";
        }

        if (!IPAddress.TryParse(table.ListenAddress, out _))
        {
            return $"{where}: listen address '{table.ListenAddress}' is not an IP address";
        }

        if (table.Pools is null || table.Pools.Count == 0)
        {
            return $"{where}: no pool";
        }

        if (table.Pools.Select(p => p.Name).Distinct(StringComparer.Ordinal).Count() != table.Pools.Count)
        {
            return $"{where}: two pools have the same name";
        }

        foreach (var pool in table.Pools)
        {
            if (string.IsNullOrEmpty(pool.Name) || pool.Weight < 0 || pool.Backends is null)
            {
                return $"{where}: pool '{pool.Name}' needs a name, a weight of 0 or more and a list of backends";
            }

            if (pool.Backends.FirstOrDefault(b => b is null || !b.IsAbsoluteUri || b.Scheme != Uri.UriSchemeHttp) is { } bad)
            {
                return $"{where}: pool '{pool.Name}': backend '{bad}' is not an http:// address (only plain HTTP backends are supported)";
            }
        }

        return table switch
        {
            { HealthCheck: null } => $"{where}: no health check",
            { HealthCheck.Interval: var interval } when interval <= TimeSpan.Zero => $"{where}: the health check interval must be above 0",
            { HealthCheck.Timeout: var timeout } when timeout <= TimeSpan.Zero => $"{where}: the health check timeout must be above 0",
            { HealthCheck.Path: var path } when path is null || !path.StartsWith('/') => $"{where}: the health check path must start with /",
            { DrainTimeout: var drain } when drain < TimeSpan.Zero => $"{where}: the drain timeout cannot be negative",
            { Match: { } match } when table.Pools.All(p => p.Name != match.Pool) => $"{where}: the A-B match names pool '{match.Pool}', which the table does not have",
            { Match: { } match } when string.IsNullOrEmpty(match.Name) => $"{where}: the A-B match needs a header or cookie name",
            _ => null,
        };
    }
}
