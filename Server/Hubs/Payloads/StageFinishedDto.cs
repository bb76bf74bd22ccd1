namespace ContainerCd.Server.Hubs;

public sealed record StageFinishedDto(
    string BuildId,
    long Sequence,
    DateTimeOffset Timestamp,
    string StageId,
    string? ParentId,
    IReadOnlyList<string> Path,
    string Name,
    string Kind,
    string Result,
    DateTimeOffset StartedAt,
    long DurationMillis,
    string? SkipReason)
    : BuildEventDto(BuildId, Sequence, Timestamp);
