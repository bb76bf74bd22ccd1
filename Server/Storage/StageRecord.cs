namespace ContainerCd.Server.Storage;

/// <summary>A stage of a build: RUNNING until it finishes, then its result (or SKIPPED with a reason, when it never ran).</summary>
internal sealed record StageRecord(
    string StageId,
    string? ParentId,
    IReadOnlyList<string> Path,
    string Name,
    string Kind,
    string Status,
    DateTimeOffset? StartedAt,
    long? DurationMillis,
    string? SkipReason,
    long Sequence);

/// <summary>A step of a build, with its stage.</summary>
internal sealed record StepRecord(
    string StepId,
    string? StageId,
    string Name,
    string? Description,
    string Status,
    DateTimeOffset StartedAt,
    long? DurationMillis,
    string? Error);

/// <summary>
/// A test case recorded by a build: its status as recorded (PASSED, FAILED, SKIPPED), the same case's status in the
/// previous build with test results (null when it was not there), and the build it has failed since (0 unless failed).
/// </summary>
internal sealed record TestCaseRecord(
    string? StageId,
    string Suite,
    string ClassName,
    string Name,
    string Status,
    long DurationMillis,
    string? Message,
    string? StackTrace,
    string? Stdout,
    string? Stderr,
    int FlakyFailures,
    string? PreviousStatus,
    int FailedSince);

/// <summary>A build's test totals.</summary>
internal sealed record TestCounts(int Total, int Failed, int Skipped)
{
    public int Passed => Total - Failed - Skipped;
}

/// <summary>An input a build asked for: PENDING, PROCEEDED or ABORTED.</summary>
internal sealed record InputRecord(
    string InputId,
    string? StageId,
    string Message,
    string Ok,
    string? Submitter,
    string ParametersJson,
    string State,
    string? AnsweredBy);
