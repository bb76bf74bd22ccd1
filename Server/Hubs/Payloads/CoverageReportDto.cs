namespace ContainerCd.Server.Hubs;

/// <summary>One coverage tool's line and branch counts recorded by a build (recordCoverage, cobertura).</summary>
public sealed record CoverageReportDto(
    string BuildId, long Sequence, DateTimeOffset Timestamp, string? StageId, string Tool,
    long LinesCovered, long LinesTotal, long BranchesCovered, long BranchesTotal)
    : BuildEventDto(BuildId, Sequence, Timestamp);
