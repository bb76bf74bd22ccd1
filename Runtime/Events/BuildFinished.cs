using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Events;

/// <summary>The last event of a build: its result and duration.</summary>
public sealed record BuildFinished(
    string BuildId,
    long Sequence,
    DateTimeOffset Timestamp,
    BuildResult Result,
    TimeSpan Duration) : BuildEvent(BuildId, Sequence, Timestamp);
