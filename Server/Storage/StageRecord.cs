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

/// <summary>A test case recorded by a build.</summary>
internal sealed record TestCaseRecord(string? StageId, string Suite, string ClassName, string Name, string Status, long DurationMillis, string? Message);

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
