using System.Collections.Immutable;

namespace ContainerCd.Runtime.Events;

/// <summary>
/// A change to a deployment made by a delivery step (<c>composeDeploy</c>, <c>setTrafficWeights</c>, <c>promote</c>,
/// <c>rollback</c>, <c>composeDown</c>) in the stage <see cref="StageId"/>: which Compose project, what happened,
/// the traffic weights per pool after it, and the images (by digest) it deployed. The server stores these as the
/// project's deployment record.
/// </summary>
public sealed record DeploymentEvent(
    string BuildId,
    long Sequence,
    DateTimeOffset Timestamp,
    string? StageId,
    string Project,
    DeploymentPhase Phase,
    string Strategy,
    ImmutableDictionary<string, int> Weights,
    ImmutableDictionary<string, string> ImageDigests,
    string? Message) : BuildEvent(BuildId, Sequence, Timestamp);

/// <summary>What a <see cref="DeploymentEvent"/> reports.</summary>
public enum DeploymentPhase
{
    /// <summary>A deploy began: new containers are being started.</summary>
    Started,

    /// <summary>Traffic weights changed (a switch, a canary share, a rolling step, <c>setTrafficWeights</c>).</summary>
    WeightsChanged,

    /// <summary>The deploy finished: the new version is serving (with its canary weight, or all traffic).</summary>
    Succeeded,

    /// <summary>The deploy failed (a replica never became healthy...) and traffic stayed on or went back to the old version.</summary>
    Failed,

    /// <summary><c>promote</c>: the new version takes all traffic and the old one is retired.</summary>
    Promoted,

    /// <summary><c>rollback</c>: traffic is back on the previous deployment.</summary>
    RolledBack,

    /// <summary><c>composeDown</c>: the project's containers and routes are removed.</summary>
    Removed,
}
