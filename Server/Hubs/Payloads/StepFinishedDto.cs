namespace ContainerCd.Server.Hubs;

public sealed record StepFinishedDto(
    string BuildId, long Sequence, DateTimeOffset Timestamp, string StepId, string? StageId, string Result, long DurationMillis, string? Error)
    : BuildEventDto(BuildId, Sequence, Timestamp);
