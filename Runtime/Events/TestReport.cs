using System.Collections.Immutable;

namespace ContainerCd.Runtime.Events;

/// <summary>
/// Test results recorded by a report step (<c>junit</c>, <c>xunit</c>, ...) in the stage <see cref="StageId"/>: one
/// batch of cases with the batch's totals. A large report arrives as several events, so no event holds it whole.
/// </summary>
public sealed record TestReport(
    string BuildId,
    long Sequence,
    DateTimeOffset Timestamp,
    string? StageId,
    int Total,
    int Failed,
    int Skipped,
    ImmutableArray<TestCaseResult> Cases) : BuildEvent(BuildId, Sequence, Timestamp);

/// <summary>
/// One test case: suite, class, name, status ("PASSED", "FAILED", "SKIPPED"), duration, and for a failure the
/// report's message (Jenkins' errorDetails) and stack trace (errorStackTrace).
/// </summary>
public sealed record TestCaseResult(
    string Suite,
    string ClassName,
    string Name,
    string Status,
    TimeSpan Duration,
    string? Message)
{
    /// <summary>The failure's or error's text: the stack trace Jenkins shows as errorStackTrace.</summary>
    public string? StackTrace { get; init; }

    /// <summary>The case's system-out, trimmed as Jenkins trims it unless <c>keepLongStdio</c>.</summary>
    public string? Stdout { get; init; }

    /// <summary>The case's system-err, trimmed as <see cref="Stdout"/>.</summary>
    public string? Stderr { get; init; }

    /// <summary>Runs that failed before the case passed on a rerun (Surefire's flakyFailure and flakyError).</summary>
    public int FlakyFailures { get; init; }
}
