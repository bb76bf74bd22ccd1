using System.Collections.Immutable;
using System.Globalization;
using ContainerCd.Runtime.Delivery.Compose;
using ContainerCd.Runtime.Delivery.Routing;
using ContainerCd.Runtime.Events;

namespace ContainerCd.Runtime.Delivery.Deploying;

/// <summary>
/// Rolling updates of a running project, as Docker's <c>update_config</c> says: each service's replicas replaced
/// <c>parallelism</c> at a time (the new ones in the other colour's pool), <c>delay</c> between batches, in
/// <c>order</c> start-first or stop-first, each new replica watched for <c>monitor</c>. An old replica is drained
/// and stopped, not removed, until the update succeeds. A failure undoes the batch (its old replicas started again)
/// and then, per <c>failure_action</c>, puts the replaced replicas back the same way (<c>rollback</c>, with
/// <c>rollback_config</c>) or stops there (<c>pause</c>). The step fails either way.
/// </summary>
public sealed partial class ComposeDeployer
{
    /// <summary>The clock of <c>delay</c> between batches.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    private async Task RollingAsync(ComposeFile file, ImmutableDictionary<string, string> images, string project, PoolInfo old, PoolInfo next,
        IReadOnlyList<DeployedContainer> deployed, IReadOnlyList<RouteStatus> routes, CancellationToken cancellationToken)
    {
        var rollout = new Rollout(file, project, old, next, deployed, routes);
        report.Emit(DeploymentPhase.Started, project, "rolling", CurrentWeights(routes, old), images,
            $"Rolling update of {rollout.Total} replicas from {old.Name} to {next.Name}");
        report.Log($"Deploying {project} (rolling): replacing the {rollout.Total} replicas of {old.Name} by {next.Name}");
        foreach (var service in DependencyOrder(file))
        {
            var update = service.Deploy.Update;
            var batches = Enumerable.Range(1, service.Deploy.Replicas).Chunk(update.Parallelism).ToList();
            for (var i = 0; i < batches.Count; i++)
            {
                try
                {
                    await PauseBetweenBatchesAsync(i, update.Delay, cancellationToken).ConfigureAwait(false);
                    await ReplaceAsync(rollout, service, batches[i], next, images[service.Name], update, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is DeploymentException or OperationCanceledException)
                {
                    var message = await FailAsync(rollout, images, service, batches[i], e).ConfigureAwait(false);
                    if (e is OperationCanceledException)
                    {
                        throw;
                    }

                    throw new DeploymentException(message, e);
                }

                rollout.Replaced.Add((service, batches[i]));
                report.Log($"{rollout.ReplacedCount} of {rollout.Total} replicas of {project} run {next.Name}");
                report.Emit(DeploymentPhase.WeightsChanged, project, "rolling", Shares(rollout.Serving), images,
                    $"{rollout.ReplacedCount} of {rollout.Total} replicas run {next.Name}");
            }
        }

        await KeepPoolAsync(rollout, next, CancellationToken.None).ConfigureAwait(false);
        var weights = ImmutableDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal).Add(next.Name, 100);
        report.Log($"Traffic of {project}: {DescribeWeights(weights)}");
        report.Emit(DeploymentPhase.Succeeded, project, "rolling", weights, images, $"{next.Name} serving: all {rollout.Total} replicas replaced");
    }

    private async Task PauseBetweenBatchesAsync(int batch, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (batch > 0 && delay > TimeSpan.Zero)
        {
            report.Log(string.Create(CultureInfo.InvariantCulture, $"Waiting {delay.TotalSeconds:0.###} s (delay) before the next batch"));
            await Task.Delay(delay, Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// After a failed batch: its replicas that no longer run the old version get it back, then the replaced ones go
    /// back too (<c>failure_action: rollback</c>) or stay (<c>pause</c>, or an interrupted build). Returns the step's
    /// message, and reports it.
    /// </summary>
    private async Task<string> FailAsync(Rollout rollout, ImmutableDictionary<string, string> images, ComposeService failed, int[] batch, Exception error)
    {
        var reason = error is DeploymentException ? error.Message : "the deploy was interrupted";
        var project = rollout.Project;
        var replaced = rollout.ReplacedCount;
        string outcome;
        try
        {
            var lost = batch.Where(slot => rollout.Current(failed.Name, slot) is null && rollout.StoppedReplica(failed.Name, slot) is not null).ToArray();
            if (lost.Length > 0)
            {
                await RevertAsync(rollout, failed, lost).ConfigureAwait(false);
            }

            if (error is DeploymentException && failed.Deploy.Update.FailureAction == FailureAction.Rollback)
            {
                report.Log($"Rolling {project} back to {rollout.Old.Name} (failure_action: rollback)");
                foreach (var (service, slots) in Enumerable.Reverse(rollout.Replaced))
                {
                    await RevertAsync(rollout, service, slots).ConfigureAwait(false);
                }

                await KeepPoolAsync(rollout, rollout.Old, CancellationToken.None).ConfigureAwait(false);
                outcome = $"rolled back: all traffic is on {rollout.Old.Name} again";
            }
            else
            {
                outcome = string.Create(CultureInfo.InvariantCulture,
                    $"the rollout is paused at {replaced} of {rollout.Total} replicas ({replaced} run {rollout.Next.Name}, the others {rollout.Old.Name}); promote or rollback it");
            }
        }
        catch (Exception again) when (again is DeploymentException or OperationCanceledException)
        {
            outcome = $"putting back {rollout.Old.Name} failed too ({again.Message}); the project runs {Describe(Pools(rollout.Running))}";
        }

        var message = $"composeDeploy: rolling update of {project} to {rollout.Next.Name} failed: {reason}; {outcome}";
        report.Emit(DeploymentPhase.Failed, project, "rolling", Shares(rollout.Serving), images, message);
        return message;
    }

    /// <summary>
    /// Replicas back on the old version per <c>rollback_config</c>, <c>parallelism</c> at a time: their old containers
    /// started again; a replica the old version did not have (the template added it) is drained and removed.
    /// </summary>
    private async Task RevertAsync(Rollout rollout, ComposeService service, int[] slots)
    {
        var config = service.Deploy.Rollback;
        var added = slots.Where(s => rollout.StoppedReplica(service.Name, s) is null).ToList();
        await RetireAsync(rollout, service, [.. added.Select(s => rollout.Current(service.Name, s)).OfType<DeployedContainer>()], CancellationToken.None).ConfigureAwait(false);
        var batches = slots.Except(added).Chunk(config.Parallelism).ToList();
        for (var i = 0; i < batches.Count; i++)
        {
            await PauseBetweenBatchesAsync(i, config.Delay, CancellationToken.None).ConfigureAwait(false);
            await ReplaceAsync(rollout, service, batches[i], rollout.Old, null, config, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>The traffic share of each pool, by the replicas it serves with.</summary>
    private static ImmutableDictionary<string, int> Shares(IReadOnlyCollection<DeployedContainer> serving)
    {
        var counts = serving.GroupBy(c => c.Pool, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var total = counts.Values.Sum();
        return counts.ToImmutableDictionary(p => p.Key, p => total == 0 ? 0 : (int)Math.Round(100.0 * p.Value / total), StringComparer.Ordinal);
    }
}
