using System.Collections.Immutable;
using System.Globalization;
using ContainerCd.Runtime.Delivery.Compose;
using ContainerCd.Runtime.Delivery.Routing;
using ContainerCd.Runtime.Events;

namespace ContainerCd.Runtime.Delivery.Deploying;

/// <summary>
/// Releases a Compose template through the engine and the router. Versions are pools named by colour
/// (<c>blue</c>, <c>green</c>): a deploy starts the new colour beside the one serving and, once Docker's healthcheck
/// and the router's both pass, gives it traffic as the strategy says (all of it for blue-green, <c>weight</c>% for a
/// canary, replica by replica for rolling). What is deployed is read each time from the containers' labels and the
/// router's tables; nothing is kept in memory between steps. A new version that never becomes healthy is removed,
/// with the traffic left on (or put back on) the old one, and the step fails.
/// </summary>
public sealed partial class ComposeDeployer(IComposeEngine engine, IRouterControl router, IDeploymentReport report)
{
    public static readonly ImmutableArray<string> Colours = ["blue", "green"];

    /// <summary>How long the router's health check of a new pool may take to pass.</summary>
    public TimeSpan RouterHealthTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long requests in flight to a removed backend may take to finish before its container stops.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public async Task DeployAsync(ComposeFile file, string templateDirectory, DeployRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(request);
        var project = request.Project;
        await CheckPortsAsync(file, project, cancellationToken).ConfigureAwait(false);
        var images = await engine.PrepareImagesAsync(file, templateDirectory, report.Log, cancellationToken).ConfigureAwait(false);
        await engine.EnsureProjectAsync(project, file, cancellationToken).ConfigureAwait(false);
        var deployed = await engine.ListAsync(project, cancellationToken).ConfigureAwait(false);
        var pools = Pools(deployed);
        if (pools.Count > 1)
        {
            throw new DeploymentException($"composeDeploy: project '{project}' already runs two versions ({Describe(pools)}): promote or rollback it before deploying again");
        }

        var old = pools.Count == 1 ? pools[0] : null;
        var next = new PoolInfo(old is null ? Colours[0] : Other(old.Name), (old?.Generation ?? 0) + 1);
        var routes = await RoutesAsync(project, cancellationToken).ConfigureAwait(false);
        if (old is not null && request.Strategy == DeployStrategy.Rolling)
        {
            await RollingAsync(file, images, project, old, next, deployed, routes, cancellationToken).ConfigureAwait(false);
            return;
        }

        var strategy = StrategyName(request.Strategy);
        var final = old is null ? new Dictionary<string, int> { [next.Name] = 100 }
            : request.Strategy == DeployStrategy.Canary ? new Dictionary<string, int> { [next.Name] = request.Weight, [old.Name] = 100 - request.Weight }
            : new Dictionary<string, int> { [next.Name] = 100, [old.Name] = 0 };
        var match = request.Match is { } rule && old is not null ? new AbMatch(rule.Kind, rule.Name, rule.Value, next.Name) : null;
        report.Emit(DeploymentPhase.Started, project, strategy, CurrentWeights(routes, old), images, $"Deploying {next.Name} beside {old?.Name ?? "nothing"}");
        report.Log(old is null
            ? $"Deploying {project} ({strategy}): first version, pool {next.Name}"
            : $"Deploying {project} ({strategy}): new version {next.Name} beside {old.Name}");

        var started = new List<DeployedContainer>();
        try
        {
            foreach (var service in DependencyOrder(file))
            {
                var replicas = new List<DeployedContainer>();
                for (var replica = 1; replica <= service.Deploy.Replicas; replica++)
                {
                    var container = await engine.StartAsync(project, file, service, new ReplicaSlot(next.Name, replica, next.Generation), images[service.Name], cancellationToken).ConfigureAwait(false);
                    started.Add(container);
                    replicas.Add(container);
                    report.Log($"Started {container.Name} ({images[service.Name]})");
                }

                foreach (var container in replicas)
                {
                    await RequireHealthyAsync(container, service, cancellationToken).ConfigureAwait(false);
                }
            }

            foreach (var (service, port) in RoutedPorts(file))
            {
                var table = Table(project, service, port, deployed, routes, started, weights: null, newPool: next.Name, newWeight: 0, match: null);
                await router.ApplyAsync(table, cancellationToken).ConfigureAwait(false);
                if (!await router.WaitHealthyAsync(port.Published!.Value, next.Name, RouterHealthTimeout, cancellationToken).ConfigureAwait(false))
                {
                    throw new DeploymentException(string.Create(CultureInfo.InvariantCulture,
                        $"the router's health check (GET {table.HealthCheck.Path}) of {service.Name} in pool {next.Name} on port {port.Published} did not pass within {RouterHealthTimeout.TotalSeconds:0} s"));
                }
            }

            foreach (var (service, port) in RoutedPorts(file))
            {
                await router.ApplyAsync(Table(project, service, port, deployed, routes, started, final, next.Name, final[next.Name], match), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is DeploymentException or OperationCanceledException)
        {
            await RestoreAsync(file, project, routes, started).ConfigureAwait(false);
            var reason = e is DeploymentException ? e.Message : "the deploy was interrupted";
            var message = $"composeDeploy: version {next.Name} of {project} did not become healthy: {reason}; it was removed and "
                + (old is null ? "nothing is deployed" : $"all traffic stays on {old.Name}");
            report.Emit(DeploymentPhase.Failed, project, strategy, CurrentWeights(routes, old), images, message);
            if (e is OperationCanceledException)
            {
                throw;
            }

            throw new DeploymentException(message, e);
        }

        var weights = final.ToImmutableDictionary(StringComparer.Ordinal);
        report.Log($"Traffic of {project}: {DescribeWeights(weights)}" + (match is null ? "" : $"; requests with {match.Kind.ToString().ToLowerInvariant()} {match.Name}={match.Value} go to {match.Pool}"));
        report.Emit(DeploymentPhase.WeightsChanged, project, strategy, weights, images, null);
        report.Emit(DeploymentPhase.Succeeded, project, strategy, weights, images, $"{next.Name} serving");
    }

    private async Task RequireHealthyAsync(DeployedContainer container, ComposeService service, CancellationToken cancellationToken)
    {
        var health = await engine.WaitHealthyAsync(container, HealthTimeout(service), cancellationToken).ConfigureAwait(false);
        if (!health.Healthy)
        {
            throw new DeploymentException(health.Detail);
        }

        report.Log(health.Detail);
    }

    /// <summary>Puts the routes back as they were (or removes the ones this deploy created) and removes what it started.</summary>
    private async Task RestoreAsync(ComposeFile file, string project, IReadOnlyList<RouteStatus> routes, List<DeployedContainer> started)
    {
        foreach (var (_, port) in RoutedPorts(file))
        {
            var before = routes.FirstOrDefault(r => r.Table.PublicPort == port.Published);
            try
            {
                if (before is not null)
                {
                    await router.ApplyAsync(before.Table, CancellationToken.None).ConfigureAwait(false);
                }
                else if (await router.GetAsync(port.Published!.Value, CancellationToken.None).ConfigureAwait(false) is { Table.Project: var owner } && owner == project)
                {
                    await router.RemoveAsync(port.Published!.Value, CancellationToken.None).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                report.Log($"WARNING: could not restore the route on port {port.Published}: {e.Message}");
            }
        }

        foreach (var container in started)
        {
            await engine.RemoveAsync(container, CancellationToken.None).ConfigureAwait(false);
            report.Log($"Removed {container.Name}");
        }
    }

    /// <summary>Docker's own verdict comes after start_period and retries × (interval + timeout); a little more is allowed.</summary>
    internal static TimeSpan HealthTimeout(ComposeService service)
    {
        var check = service.Healthcheck;
        if (check is null || check.Test is ["NONE", ..])
        {
            return TimeSpan.FromSeconds(30);
        }

        var interval = check.Interval is { } i && i > TimeSpan.Zero ? i : TimeSpan.FromSeconds(30);
        var timeout = check.Timeout is { } t && t > TimeSpan.Zero ? t : TimeSpan.FromSeconds(30);
        var retries = check.Retries ?? 3;
        return (check.StartPeriod ?? TimeSpan.Zero) + ((interval + timeout) * (retries + 1)) + TimeSpan.FromSeconds(10);
    }

    internal static string StrategyName(DeployStrategy strategy) => strategy switch
    {
        DeployStrategy.Rolling => "rolling",
        DeployStrategy.BlueGreen => "blueGreen",
        _ => "canary",
    };

    private static string Other(string colour) => colour == Colours[0] ? Colours[1] : Colours[0];

    /// <summary>Services so that each comes after the ones it depends on (the template has no cycle: the parser checked).</summary>
    internal static IEnumerable<ComposeService> DependencyOrder(ComposeFile file)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<ComposeService>();
        void Visit(ComposeService service)
        {
            if (!done.Add(service.Name))
            {
                return;
            }

            foreach (var dependency in service.DependsOn)
            {
                if (file.Service(dependency.Service) is { } other)
                {
                    Visit(other);
                }
            }

            order.Add(service);
        }

        foreach (var service in file.Services)
        {
            Visit(service);
        }

        return order;
    }
}
