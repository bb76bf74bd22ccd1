using System.Collections.Immutable;
using ContainerCd.Runtime.Delivery.Compose;
using ContainerCd.Runtime.Delivery.Routing;

namespace ContainerCd.Runtime.Delivery.Deploying;

/// <summary>Rolling updates.</summary>
public sealed partial class ComposeDeployer
{
    private Task RollingAsync(ComposeFile file, ImmutableDictionary<string, string> images, string project, PoolInfo old, PoolInfo next,
        IReadOnlyList<DeployedContainer> deployed, IReadOnlyList<RouteStatus> routes, CancellationToken cancellationToken) =>
        throw new DeploymentException(report is null ? "" : "composeDeploy: strategy 'rolling' of a running project is not implemented yet; use blueGreen or canary");
}
