namespace ContainerCd.Server.Hubs;

/// <summary>
/// A change to a deployment made by a delivery step: the Compose project, the phase (<c>started</c>, <c>weightsChanged</c>,
/// <c>succeeded</c>, <c>failed</c>, <c>promoted</c>, <c>rolledBack</c>, <c>removed</c>), the strategy, the traffic weights
/// per pool after it, the images deployed (name to digest) and a message.
/// </summary>
public sealed record DeploymentDto(
    string BuildId, long Sequence, DateTimeOffset Timestamp, string? StageId, string Project, string Phase, string Strategy,
    IReadOnlyDictionary<string, int> Weights, IReadOnlyDictionary<string, string> ImageDigests, string? Message)
    : BuildEventDto(BuildId, Sequence, Timestamp);
