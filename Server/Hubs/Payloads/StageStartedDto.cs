namespace ContainerCd.Server.Hubs;

public sealed record StageStartedDto(
    string BuildId, long Sequence, DateTimeOffset Timestamp, string StageId, string? ParentId, IReadOnlyList<string> Path, string Name, string Kind)
    : BuildEventDto(BuildId, Sequence, Timestamp);
