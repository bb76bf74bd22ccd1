namespace ContainerCd.Runtime.Events;

/// <summary>A build began: job name, build number and what started it (e.g. "Started by user").</summary>
public sealed record BuildStarted(
    string BuildId,
    long Sequence,
    DateTimeOffset Timestamp,
    string Job,
    int Number,
    string Cause) : BuildEvent(BuildId, Sequence, Timestamp);
