using System.Collections.Immutable;

namespace ContainerCd.Runtime.Events;

/// <summary>JUnit results recorded by a step (the junit step), with totals and each case.</summary>
public sealed record TestReport(
    string BuildId,
    long Sequence,
    DateTimeOffset Timestamp,
    string? StageId,
    int Total,
    int Failed,
    int Skipped,
    ImmutableArray<TestCaseResult> Cases) : BuildEvent(BuildId, Sequence, Timestamp);

/// <summary>One test case: suite, class, name, status ("PASSED", "FAILED", "SKIPPED"), duration and failure text.</summary>
public sealed record TestCaseResult(
    string Suite,
    string ClassName,
    string Name,
    string Status,
    TimeSpan Duration,
    string? Message);
