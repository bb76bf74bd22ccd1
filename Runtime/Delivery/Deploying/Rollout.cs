using ContainerCd.Runtime.Delivery.Compose;
using ContainerCd.Runtime.Delivery.Routing;

namespace ContainerCd.Runtime.Delivery.Deploying;

/// <summary>
/// A rolling update under way: the containers that run (<see cref="Running"/>), the ones in the router's pools
/// (<see cref="Serving"/>: a replica joins once healthy and leaves, drained, before it stops), the old replicas
/// replaced (<see cref="Stopped"/>: kept until the update succeeds, so a rollback starts them again as they were,
/// with their own image, command and healthcheck), and the batches already replaced, which a rollback puts back in
/// reverse order.
/// </summary>
internal sealed class Rollout(ComposeFile file, string project, ComposeDeployer.PoolInfo old, ComposeDeployer.PoolInfo next,
    IReadOnlyList<DeployedContainer> deployed, IReadOnlyList<RouteStatus> routes)
{
    public ComposeFile File { get; } = file;

    public string Project { get; } = project;

    public ComposeDeployer.PoolInfo Old { get; } = old;

    public ComposeDeployer.PoolInfo Next { get; } = next;

    /// <summary>The routes as they were before the update (their health checks are kept).</summary>
    public IReadOnlyList<RouteStatus> Routes { get; } = routes;

    public List<DeployedContainer> Running { get; } = [.. deployed.Where(c => c.Running)];

    public List<DeployedContainer> Serving { get; } = [.. deployed.Where(c => c.Running)];

    public List<DeployedContainer> Stopped { get; } = [.. deployed.Where(c => !c.Running)];

    public List<(ComposeService Service, int[] Slots)> Replaced { get; } = [];

    public int Total => File.Services.Sum(s => s.Deploy.Replicas);

    public int ReplacedCount => Replaced.Sum(b => b.Slots.Length);

    /// <summary>The container that runs replica <paramref name="slot"/> of a service now, in whichever pool.</summary>
    public DeployedContainer? Current(string service, int slot) =>
        Running.LastOrDefault(c => c.Service == service && c.Replica == slot);

    /// <summary>The old replica <paramref name="slot"/> of a service, stopped by the update.</summary>
    public DeployedContainer? StoppedReplica(string service, int slot) =>
        Stopped.FirstOrDefault(c => c.Service == service && c.Replica == slot);
}
