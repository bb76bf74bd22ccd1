namespace ContainerCd.Server.Hubs;

// The hub's payloads (JSON, camelCase on the wire). Every event carries its build and sequence number;
// times are ISO 8601 and durations milliseconds. Results use Jenkins' names (SUCCESS, FAILURE...).

/// <summary>Base of the payloads: the build and the sequence number of the event.</summary>
public abstract record BuildEventDto(string BuildId, long Sequence, DateTimeOffset Timestamp)
{
    /// <summary>The highest sequence number this message covers (a coalesced <see cref="LogDto"/> covers several).</summary>
    internal long Through => this is LogDto log ? log.LastSequence : Sequence;
}

public sealed record BuildStartedDto(string BuildId, long Sequence, DateTimeOffset Timestamp, string Job, int Number, string Cause)
    : BuildEventDto(BuildId, Sequence, Timestamp);

public sealed record StageStartedDto(
    string BuildId, long Sequence, DateTimeOffset Timestamp, string StageId, string? ParentId, IReadOnlyList<string> Path, string Name, string Kind)
    : BuildEventDto(BuildId, Sequence, Timestamp);

public sealed record StageFinishedDto(
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
    : BuildEventDto(BuildId, Sequence, Timestamp);

public sealed record StepStartedDto(string BuildId, long Sequence, DateTimeOffset Timestamp, string StepId, string? StageId, string Name, string? Description)
    : BuildEventDto(BuildId, Sequence, Timestamp);

public sealed record StepFinishedDto(
    string BuildId, long Sequence, DateTimeOffset Timestamp, string StepId, string? StageId, string Result, long DurationMillis, string? Error)
    : BuildEventDto(BuildId, Sequence, Timestamp);

/// <summary>
/// Console text. <see cref="Offset"/> is the UTF-8 byte offset of <see cref="Text"/> in the console log
/// and <see cref="Length"/> its UTF-8 length, so the texts of all messages concatenated are the log, byte
/// for byte. Consecutive chunks are coalesced into one message: <see cref="Segments"/> says which stage
/// and step wrote each part (lengths in UTF-16 code units of <see cref="Text"/>, summing to its length).
/// </summary>
public sealed record LogDto(
    string BuildId, long Sequence, long LastSequence, DateTimeOffset Timestamp, long Offset, long Length, string Text, IReadOnlyList<LogSegment> Segments)
    : BuildEventDto(BuildId, Sequence, Timestamp);

/// <summary>A run of <see cref="LogDto.Text"/> written by one stage and step (null outside any).</summary>
public sealed record LogSegment(string? StageId, string? StepId, int Length);

public sealed record TestReportDto(
    string BuildId, long Sequence, DateTimeOffset Timestamp, string? StageId, int Total, int Failed, int Skipped, IReadOnlyList<TestCaseDto> Cases)
    : BuildEventDto(BuildId, Sequence, Timestamp);

public sealed record TestCaseDto(string Suite, string ClassName, string Name, string Status, long DurationMillis, string? Message);

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

public sealed record InputParameterDto(string Name, string Type, string? DefaultValue, string? Description, IReadOnlyList<string> Choices);

public sealed record InputAnsweredDto(string BuildId, long Sequence, DateTimeOffset Timestamp, string InputId, bool Proceeded, string? Submitter)
    : BuildEventDto(BuildId, Sequence, Timestamp);

public sealed record BuildFinishedDto(string BuildId, long Sequence, DateTimeOffset Timestamp, string Result, long DurationMillis)
    : BuildEventDto(BuildId, Sequence, Timestamp);

/// <summary>Sent instead of events when the client fell too far behind; not an event (no sequence of its own).</summary>
public sealed record ResyncDto(string BuildId, long FromSequence, string Reason);
