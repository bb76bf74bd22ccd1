using System.Globalization;
using ContainerCd.Runtime.Delivery.Compose;
using ContainerCd.Runtime.Delivery.Routing;

namespace ContainerCd.Runtime.Delivery.Deploying;

/// <summary>One batch of a rolling update: replicas replaced in a pool, each joining the router's pool once healthy and leaving it, drained, before it stops.</summary>
public sealed partial class ComposeDeployer
{
    /// <summary>
    /// Replicas <paramref name="slots"/> of a service run in pool <paramref name="to"/>: new containers of
    /// <paramref name="image"/>, or without an image the old version's stopped ones started again (a rollback).
    /// start-first starts them, waits for Docker's and the router's health checks, then drains and stops the ones they
    /// replace; stop-first drains and stops those first. Then each new replica is watched for <c>monitor</c>. On a
    /// failure the replicas the batch started are drained and stopped (kept when they are the old version's) before
    /// the exception goes on.
    /// </summary>
    private async Task ReplaceAsync(Rollout rollout, ComposeService service, int[] slots, PoolInfo to, string? image, UpdateConfig config, CancellationToken cancellationToken)
    {
        var outgoing = slots.Select(s => rollout.Current(service.Name, s)).OfType<DeployedContainer>().Where(c => c.Pool != to.Name).ToList();
        var started = new List<DeployedContainer>();
        try
        {
            if (config.Order == UpdateOrder.StopFirst)
            {
                await RetireAsync(rollout, service, outgoing, cancellationToken).ConfigureAwait(false);
            }

            foreach (var slot in slots)
            {
                var container = await StartReplicaAsync(rollout, service, slot, to, image, cancellationToken).ConfigureAwait(false);
                started.Add(container);
                rollout.Running.Add(container);
            }

            foreach (var container in started)
            {
                await RequireHealthyAsync(container, service, cancellationToken).ConfigureAwait(false);
            }

            rollout.Serving.AddRange(started);
            await ApplyRoutesAsync(rollout, service, cancellationToken).ConfigureAwait(false);
            await WaitRouterAsync(service, to, cancellationToken).ConfigureAwait(false);
            if (config.Order == UpdateOrder.StartFirst)
            {
                await RetireAsync(rollout, service, outgoing, cancellationToken).ConfigureAwait(false);
            }

            if (config.Monitor > TimeSpan.Zero)
            {
                foreach (var container in started)
                {
                    report.Log(string.Create(CultureInfo.InvariantCulture, $"Watching {container.Name} for {config.Monitor.TotalSeconds:0.###} s (monitor)"));
                }

                var watched = await Task.WhenAll(started.Select(c => engine.MonitorAsync(c, config.Monitor, cancellationToken))).ConfigureAwait(false);
                if (watched.FirstOrDefault(w => !w.Healthy) is { } failure)
                {
                    throw new DeploymentException(failure.Detail);
                }
            }
        }
        catch (Exception e) when (e is DeploymentException or OperationCanceledException)
        {
            await RetireAsync(rollout, service, started, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<DeployedContainer> StartReplicaAsync(Rollout rollout, ComposeService service, int slot, PoolInfo to, string? image, CancellationToken cancellationToken)
    {
        try
        {
            if (image is null)
            {
                var old = rollout.StoppedReplica(service.Name, slot)!;
                var again = await engine.RestartAsync(old, cancellationToken).ConfigureAwait(false);
                rollout.Stopped.Remove(old);
                report.Log($"Started {again.Name} again ({again.Image})");
                return again;
            }

            var container = await engine.StartAsync(rollout.Project, rollout.File, service, new ReplicaSlot(to.Name, slot, to.Generation), image, cancellationToken).ConfigureAwait(false);
            report.Log($"Started {container.Name} ({image})");
            return container;
        }
        catch (Agents.AgentStartException e)
        {
            throw new DeploymentException(e.Message, e);
        }
    }

    /// <summary>
    /// Takes containers out of the router's pools (returning once their requests in flight are done), then stops
    /// them: the old version's are kept stopped for a rollback, the others removed.
    /// </summary>
    private async Task RetireAsync(Rollout rollout, ComposeService service, List<DeployedContainer> containers, CancellationToken cancellationToken)
    {
        if (containers.Count == 0)
        {
            return;
        }

        var ids = containers.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        if (rollout.Serving.RemoveAll(c => ids.Contains(c.Id)) > 0)
        {
            await ApplyRoutesAsync(rollout, service, cancellationToken).ConfigureAwait(false);
        }

        foreach (var container in containers)
        {
            rollout.Running.RemoveAll(c => c.Id == container.Id);
            if (container.Pool == rollout.Old.Name)
            {
                await engine.StopAsync(container, CancellationToken.None).ConfigureAwait(false);
                rollout.Stopped.Add(container);
                report.Log($"Stopped {container.Name}");
            }
            else
            {
                await engine.RemoveAsync(container, CancellationToken.None).ConfigureAwait(false);
                report.Log($"Removed {container.Name}");
            }
        }
    }

    /// <summary>The end of an update (or of its rollback): every route serves <paramref name="keep"/> alone, and the other pool's containers left (replicas the template no longer has, services it dropped) are removed.</summary>
    private async Task KeepPoolAsync(Rollout rollout, PoolInfo keep, CancellationToken cancellationToken)
    {
        var routed = RoutedPorts(rollout.File).ToList();
        foreach (var (service, port) in routed)
        {
            var backends = Backends(rollout.Serving.Where(c => c.Service == service.Name && c.Pool == keep.Name), port);
            var existing = rollout.Routes.FirstOrDefault(r => r.Table.PublicPort == port.Published)?.Table;
            if (backends.Count > 0)
            {
                await router.ApplyAsync(new RouteTable(rollout.Project, service.Name, port.HostIp, port.Published!.Value, [new BackendPool(keep.Name, 100, backends)],
                    existing?.HealthCheck ?? RouteHealthCheck.Default, DrainTimeout), cancellationToken).ConfigureAwait(false);
            }
            else if (existing is null && await router.GetAsync(port.Published!.Value, cancellationToken).ConfigureAwait(false) is not null)
            {
                // A route this update made for a service the version kept does not have.
                await router.RemoveAsync(port.Published!.Value, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var route in rollout.Routes.Where(r => keep == rollout.Next && routed.All(p => p.Port.Published != r.Table.PublicPort)))
        {
            // A port the new template no longer publishes.
            await router.RemoveAsync(route.Table.PublicPort, cancellationToken).ConfigureAwait(false);
        }

        var others = rollout.Running.Concat(rollout.Stopped).Where(c => c.Pool != keep.Name).ToList();
        rollout.Serving.RemoveAll(c => c.Pool != keep.Name);
        rollout.Stopped.RemoveAll(c => c.Pool != keep.Name);
        foreach (var container in others)
        {
            await engine.RemoveAsync(container, CancellationToken.None).ConfigureAwait(false);
            rollout.Running.Remove(container);
            report.Log($"Removed {container.Name}");
        }
    }

    /// <summary>The routes of a service as the replicas serving now say: the old and the new pool, each weighted by its share of the replicas.</summary>
    private async Task ApplyRoutesAsync(Rollout rollout, ComposeService service, CancellationToken cancellationToken)
    {
        var mine = rollout.Serving.Where(c => c.Service == service.Name).ToList();
        var fresh = mine.Count(c => c.Pool == rollout.Next.Name);
        var stale = mine.Count - fresh;
        var newWeight = fresh == 0 ? 0 : stale == 0 ? 100 : Math.Clamp((int)Math.Round(100.0 * fresh / mine.Count), 1, 99);
        foreach (var port in service.Ports.Where(p => p.Published is not null))
        {
            var existing = rollout.Routes.FirstOrDefault(r => r.Table.PublicPort == port.Published)?.Table;
            BackendPool Pool(PoolInfo pool, int weight) => new(pool.Name, weight, Backends(mine.Where(c => c.Pool == pool.Name), port));
            var table = new RouteTable(rollout.Project, service.Name, port.HostIp, port.Published!.Value,
                [.. new[] { Pool(rollout.Old, 100 - newWeight), Pool(rollout.Next, newWeight) }.OrderBy(p => p.Name, StringComparer.Ordinal)],
                existing?.HealthCheck ?? RouteHealthCheck.Default, DrainTimeout);
            await router.ApplyAsync(table, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitRouterAsync(ComposeService service, PoolInfo pool, CancellationToken cancellationToken)
    {
        foreach (var port in service.Ports.Where(p => p.Published is not null))
        {
            if (!await router.WaitHealthyAsync(port.Published!.Value, pool.Name, RouterHealthTimeout, cancellationToken).ConfigureAwait(false))
            {
                throw new DeploymentException(string.Create(CultureInfo.InvariantCulture,
                    $"the router's health check of {service.Name} in pool {pool.Name} on port {port.Published} did not pass within {RouterHealthTimeout.TotalSeconds:0} s"));
            }
        }
    }
}
