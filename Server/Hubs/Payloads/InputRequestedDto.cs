namespace ContainerCd.Server.Hubs;

public sealed record InputRequestedDto(
    string BuildId,
    long Sequence,
    DateTimeOffset Timestamp,
    string? StageId,
    string InputId,
    string Message,
    string Ok,
    string? Submitter,
    IReadOnlyList<InputParameterDto> Parameters)
    : BuildEventDto(BuildId, Sequence, Timestamp);
