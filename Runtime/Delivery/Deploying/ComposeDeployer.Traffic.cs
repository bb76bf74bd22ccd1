using System.Collections.Immutable;
using ContainerCd.Runtime.Events;

namespace ContainerCd.Runtime.Delivery.Deploying;

/// <summary><c>setTrafficWeights</c>, <c>promote</c>, <c>rollback</c> and <c>composeDown</c>: they change the router's tables of a project and retire containers.</summary>
public sealed partial class ComposeDeployer
{
    public async Task SetWeightsAsync(string project, IReadOnlyDictionary<string, int> weights, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var deployed = await engine.ListAsync(project, cancellationToken).ConfigureAwait(false);
        var pools = Pools(deployed);
        if (pools.Count == 0)
        {
            throw new DeploymentException($"setTrafficWeights: project '{project}' is not deployed");
        }

        foreach (var (pool, weight) in weights)
        {
            if (!pools.Any(p => p.Name == pool))
            {
                throw new DeploymentException($"setTrafficWeights: project '{project}' has no version '{pool}' (deployed: {Describe(pools)})");
            }

            if (weight is < 0 or > 100)
            {
                throw new DeploymentException($"setTrafficWeights: the weight of '{pool}' must be from 0 to 100, not {weight}");
            }
        }

        if (weights.Values.Sum() == 0)
        {
            throw new DeploymentException("setTrafficWeights: at least one version needs a weight above 0");
        }

        var complete = pools.ToImmutableDictionary(p => p.Name, p => weights.TryGetValue(p.Name, out var w) ? w : 0, StringComparer.Ordinal);
        var routes = await RoutesAsync(project, cancellationToken).ConfigureAwait(false);
        foreach (var route in routes)
        {
            var table = route.Table with { Pools = [.. route.Table.Pools.Select(p => p with { Weight = complete.TryGetValue(p.Name, out var w) ? w : p.Weight })] };
            await router.ApplyAsync(table, cancellationToken).ConfigureAwait(false);
        }

        report.Log($"Traffic of {project}: {DescribeWeights(complete)}");
        report.Emit(DeploymentPhase.WeightsChanged, project, "setTrafficWeights", complete, Images(deployed), null);
    }

    /// <summary>The newest version takes all traffic; the older one is drained and removed.</summary>
    public async Task PromoteAsync(string project, CancellationToken cancellationToken)
    {
        var deployed = await engine.ListAsync(project, cancellationToken).ConfigureAwait(false);
        var pools = Pools(deployed);
        if (pools.Count == 0)
        {
            throw new DeploymentException($"promote: project '{project}' is not deployed");
        }

        var newest = pools[^1];
        await KeepOnlyAsync(project, deployed, newest, cancellationToken).ConfigureAwait(false);
        var weights = ImmutableDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal).Add(newest.Name, 100);
        report.Log(pools.Count == 1 ? $"{project}: {newest.Name} is the only version, nothing to retire" : $"Promoted {newest.Name} of {project}; retired {Describe(pools.SkipLast(1))}");
        report.Emit(DeploymentPhase.Promoted, project, "promote", weights, Images(deployed.Where(c => c.Pool == newest.Name)), null);
    }

    /// <summary>All traffic back to the previous version, still running beside the new one; the new one is drained and removed.</summary>
    public async Task RollbackAsync(string project, CancellationToken cancellationToken)
    {
        var deployed = await engine.ListAsync(project, cancellationToken).ConfigureAwait(false);
        var pools = Pools(deployed);
        if (pools.Count < 2)
        {
            throw new DeploymentException(pools.Count == 0
                ? $"rollback: project '{project}' is not deployed"
                : $"rollback: project '{project}' runs only {pools[0].Name}: no previous version is running to roll back to (promote retired it, or this is its first deployment); deploy the previous version again");
        }

        var previous = pools[^2];
        await KeepOnlyAsync(project, deployed, previous, cancellationToken).ConfigureAwait(false);
        var weights = ImmutableDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal).Add(previous.Name, 100);
        report.Log($"Rolled {project} back to {previous.Name}; removed {pools[^1].Name}");
        report.Emit(DeploymentPhase.RolledBack, project, "rollback", weights, Images(deployed.Where(c => c.Pool == previous.Name)), null);
    }

    public async Task DownAsync(string project, CancellationToken cancellationToken)
    {
        foreach (var route in await RoutesAsync(project, cancellationToken).ConfigureAwait(false))
        {
            await router.RemoveAsync(route.Table.PublicPort, cancellationToken).ConfigureAwait(false);
        }

        var deployed = await engine.ListAsync(project, cancellationToken).ConfigureAwait(false);
        foreach (var container in deployed)
        {
            await engine.RemoveAsync(container, cancellationToken).ConfigureAwait(false);
            report.Log($"Removed {container.Name}");
        }

        await engine.RemoveNetworksAsync(project, cancellationToken).ConfigureAwait(false);
        report.Emit(DeploymentPhase.Removed, project, "composeDown", ImmutableDictionary<string, int>.Empty, ImmutableDictionary<string, string>.Empty, null);
    }

    /// <summary>Routes every port to <paramref name="keep"/> alone (the router drains the others), then removes the other pools' containers.</summary>
    private async Task KeepOnlyAsync(string project, IReadOnlyList<DeployedContainer> deployed, PoolInfo keep, CancellationToken cancellationToken)
    {
        foreach (var route in await RoutesAsync(project, cancellationToken).ConfigureAwait(false))
        {
            var pools = route.Table.Pools.Where(p => p.Name == keep.Name).Select(p => p with { Weight = 100 }).ToList();
            if (pools.Count == 0)
            {
                throw new DeploymentException($"the route on port {route.Table.PublicPort} has no backend of {keep.Name}");
            }

            await router.ApplyAsync(route.Table with { Pools = pools, Match = null }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var container in deployed.Where(c => c.Pool != keep.Name))
        {
            await engine.RemoveAsync(container, cancellationToken).ConfigureAwait(false);
            report.Log($"Removed {container.Name}");
        }
    }

    private static ImmutableDictionary<string, string> Images(IEnumerable<DeployedContainer> containers) =>
        containers.GroupBy(c => c.Service, StringComparer.Ordinal).ToImmutableDictionary(g => g.Key, g => g.OrderByDescending(c => c.Generation).First().Image, StringComparer.Ordinal);
}
