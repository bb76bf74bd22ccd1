using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Events;

/// <summary>A step ended, with the result it left and, if it failed, the error message.</summary>
public sealed record StepFinished(
    string BuildId,
    long Sequence,
    DateTimeOffset Timestamp,
    string StepId,
    string? StageId,
    BuildResult Result,
    TimeSpan Duration,
    string? Error) : BuildEvent(BuildId, Sequence, Timestamp);
