namespace ContainerCd.Runtime.Events;

/// <summary>
/// Base of every build event. <see cref="Sequence"/> starts at 1 and increases by one per event of a
/// build, across all event types, so a subscriber can resume "from sequence N" with no gap and no
/// duplicate. Events pass through the secret masker before any observer sees them.
/// </summary>
public abstract record BuildEvent(string BuildId, long Sequence, DateTimeOffset Timestamp);
