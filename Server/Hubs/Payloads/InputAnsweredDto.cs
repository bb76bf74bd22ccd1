namespace ContainerCd.Server.Hubs;

public sealed record InputAnsweredDto(string BuildId, long Sequence, DateTimeOffset Timestamp, string InputId, bool Proceeded, string? Submitter)
    : BuildEventDto(BuildId, Sequence, Timestamp);
