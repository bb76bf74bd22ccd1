namespace ContainerCd.Server.Storage.Journal;

// The journal's own records: the "e" object of a journal line, one record per event type (log chunks are the "l"
// object, written by EventJournal itself). Their JSON (camelCase) is the journal's on-disk format, the one journals
// have been written in from the start, when the hub's payloads were stored as they are: a field renamed or removed
// here makes the journals on users' disks unreadable, so these change only with a way to read the old lines.
// JournalMapping converts them to and from the hub's payloads.

/// <summary>Base of the journal's records: the build, the event's sequence number and its time.</summary>
internal abstract record JournalEntry(string BuildId, long Sequence, DateTimeOffset Timestamp);

internal sealed record BuildStartedEntry(string BuildId, long Sequence, DateTimeOffset Timestamp, string Job, int Number, string Cause)
    : JournalEntry(BuildId, Sequence, Timestamp);

internal sealed record StageStartedEntry(
    string BuildId, long Sequence, DateTimeOffset Timestamp, string StageId, string? ParentId, IReadOnlyList<string> Path, string Name, string Kind)
    : JournalEntry(BuildId, Sequence, Timestamp);

internal sealed record StageFinishedEntry(
    string BuildId,
    long Sequence,
    DateTimeOffset Timestamp,
    string StageId,
    string? ParentId,
    IReadOnlyList<string> Path,
    string Name,
    string Kind,
    string Result,
    DateTimeOffset StartedAt,
    long DurationMillis,
    string? SkipReason)
    : JournalEntry(BuildId, Sequence, Timestamp);

internal sealed record StepStartedEntry(string BuildId, long Sequence, DateTimeOffset Timestamp, string StepId, string? StageId, string Name, string? Description)
    : JournalEntry(BuildId, Sequence, Timestamp);

internal sealed record StepFinishedEntry(
    string BuildId, long Sequence, DateTimeOffset Timestamp, string StepId, string? StageId, string Result, long DurationMillis, string? Error)
    : JournalEntry(BuildId, Sequence, Timestamp);

internal sealed record TestReportEntry(
    string BuildId, long Sequence, DateTimeOffset Timestamp, string? StageId, int Total, int Failed, int Skipped, IReadOnlyList<TestCaseEntry> Cases)
    : JournalEntry(BuildId, Sequence, Timestamp);

/// <summary>A test case of a <see cref="TestReportEntry"/>; the fields after Message are missing from the oldest journals.</summary>
internal sealed record TestCaseEntry(
    string Suite,
    string ClassName,
    string Name,
    string Status,
    long DurationMillis,
    string? Message,
    string? StackTrace = null,
    string? Stdout = null,
    string? Stderr = null,
    int FlakyFailures = 0);

/// <summary>A coverage report; Recorder is null in journals written before it was kept.</summary>
internal sealed record CoverageReportEntry(
    string BuildId, long Sequence, DateTimeOffset Timestamp, string? StageId, string Tool,
    long LinesCovered, long LinesTotal, long BranchesCovered, long BranchesTotal, string? Recorder)
    : JournalEntry(BuildId, Sequence, Timestamp);

internal sealed record DeploymentEntry(
    string BuildId, long Sequence, DateTimeOffset Timestamp, string? StageId, string Project, string Phase, string Strategy,
    IReadOnlyDictionary<string, int> Weights, IReadOnlyDictionary<string, string> ImageDigests, string? Message)
    : JournalEntry(BuildId, Sequence, Timestamp);

internal sealed record InputRequestedEntry(
    string BuildId,
    long Sequence,
    DateTimeOffset Timestamp,
    string? StageId,
    string InputId,
    string Message,
    string Ok,
    string? Submitter,
    IReadOnlyList<InputParameterEntry> Parameters)
    : JournalEntry(BuildId, Sequence, Timestamp);

internal sealed record InputParameterEntry(string Name, string Type, string? DefaultValue, string? Description, IReadOnlyList<string> Choices);

internal sealed record InputAnsweredEntry(string BuildId, long Sequence, DateTimeOffset Timestamp, string InputId, bool Proceeded, string? Submitter)
    : JournalEntry(BuildId, Sequence, Timestamp);

internal sealed record BuildFinishedEntry(string BuildId, long Sequence, DateTimeOffset Timestamp, string Result, long DurationMillis)
    : JournalEntry(BuildId, Sequence, Timestamp);
