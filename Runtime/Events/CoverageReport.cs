namespace ContainerCd.Runtime.Events;

/// <summary>
/// Code coverage recorded by a coverage step (<c>recordCoverage</c>, <c>cobertura</c>) in the stage
/// <see cref="StageId"/>: one tool's line and branch counts, summed over the reports it read. <see cref="Recorder"/>
/// is the step that recorded them (<c>recordCoverage</c> or <c>cobertura</c>): Jenkins keeps each plugin's results
/// in an action of its own.
/// </summary>
public sealed record CoverageReport(
    string BuildId,
    long Sequence,
    DateTimeOffset Timestamp,
    string? StageId,
    string Tool,
    long LinesCovered,
    long LinesTotal,
    long BranchesCovered,
    long BranchesTotal,
    string Recorder) : BuildEvent(BuildId, Sequence, Timestamp);
