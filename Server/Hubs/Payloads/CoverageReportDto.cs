namespace ContainerCd.Server.Hubs;

/// <summary>One coverage tool's line and branch counts recorded by a build; Recorder is the step (recordCoverage, cobertura), null in journals written before it was kept.</summary>
public sealed record CoverageReportDto(
    string BuildId, long Sequence, DateTimeOffset Timestamp, string? StageId, string Tool,
    long LinesCovered, long LinesTotal, long BranchesCovered, long BranchesTotal, string? Recorder)
    : BuildEventDto(BuildId, Sequence, Timestamp);
