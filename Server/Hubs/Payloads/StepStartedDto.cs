namespace ContainerCd.Server.Hubs;

public sealed record StepStartedDto(string BuildId, long Sequence, DateTimeOffset Timestamp, string StepId, string? StageId, string Name, string? Description)
    : BuildEventDto(BuildId, Sequence, Timestamp);
