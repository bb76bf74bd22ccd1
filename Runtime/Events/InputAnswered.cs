namespace ContainerCd.Runtime.Events;

/// <summary>An input was answered: proceeded (with the submitter) or aborted.</summary>
public sealed record InputAnswered(
    string BuildId,
    long Sequence,
    DateTimeOffset Timestamp,
    string InputId,
    bool Proceeded,
    string? Submitter) : BuildEvent(BuildId, Sequence, Timestamp);
