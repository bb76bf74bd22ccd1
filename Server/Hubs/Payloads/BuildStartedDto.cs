namespace ContainerCd.Server.Hubs;

public sealed record BuildStartedDto(string BuildId, long Sequence, DateTimeOffset Timestamp, string Job, int Number, string Cause)
    : BuildEventDto(BuildId, Sequence, Timestamp);
