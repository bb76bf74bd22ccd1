namespace ContainerCd.Runtime.Events;

/// <summary>A step began: its name (sh, echo...), a short masked description (the label or script) and its stage.</summary>
public sealed record StepStarted(
    string BuildId,
    long Sequence,
    DateTimeOffset Timestamp,
    string StepId,
    string? StageId,
    string Name,
    string? Description) : BuildEvent(BuildId, Sequence, Timestamp);
