namespace ContainerCd.Server.Hubs;

public sealed record BuildFinishedDto(string BuildId, long Sequence, DateTimeOffset Timestamp, string Result, long DurationMillis)
    : BuildEventDto(BuildId, Sequence, Timestamp);
