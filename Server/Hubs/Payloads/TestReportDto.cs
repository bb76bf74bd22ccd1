namespace ContainerCd.Server.Hubs;

public sealed record TestReportDto(
    string BuildId, long Sequence, DateTimeOffset Timestamp, string? StageId, int Total, int Failed, int Skipped, IReadOnlyList<TestCaseDto> Cases)
    : BuildEventDto(BuildId, Sequence, Timestamp);
