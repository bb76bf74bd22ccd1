using ContainerCd.Server.Hubs;

namespace ContainerCd.Server.Storage.Journal;

/// <summary>
/// The one place where the journal's records meet the hub's payloads: a payload becomes the record written, a record
/// read becomes the payload sent. A hub payload can change without touching the on-disk format, and the reverse.
/// </summary>
internal static class JournalMapping
{
    /// <summary>The journal's type names (the line's <c>t</c>) of its records.</summary>
    private static readonly (string Name, Type Entry)[] Types =
    [
        ("BuildStarted", typeof(BuildStartedEntry)),
        ("StageStarted", typeof(StageStartedEntry)),
        ("StageFinished", typeof(StageFinishedEntry)),
        ("StepStarted", typeof(StepStartedEntry)),
        ("StepFinished", typeof(StepFinishedEntry)),
        ("TestReport", typeof(TestReportEntry)),
        ("CoverageReport", typeof(CoverageReportEntry)),
        ("Deployment", typeof(DeploymentEntry)),
        ("InputRequested", typeof(InputRequestedEntry)),
        ("InputAnswered", typeof(InputAnsweredEntry)),
        ("BuildFinished", typeof(BuildFinishedEntry)),
    ];

    private static readonly Dictionary<string, Type> EntryTypes = Types.ToDictionary(t => t.Name, t => t.Entry, StringComparer.Ordinal);

    private static readonly Dictionary<Type, string> TypeNames = Types.ToDictionary(t => t.Entry, t => t.Name);

    /// <summary>The record type of a journal type name; null for a name this version does not know (the line is skipped).</summary>
    public static Type? EntryType(string typeName) => EntryTypes.GetValueOrDefault(typeName);

    /// <summary>The journal type name of a record.</summary>
    public static string TypeName(JournalEntry entry) => TypeNames[entry.GetType()];

    /// <summary>The record to write for a payload (log chunks excepted: the journal writes them as references into the log).</summary>
    public static JournalEntry ToEntry(BuildEventDto dto) => dto switch
    {
        BuildStartedDto e => new BuildStartedEntry(e.BuildId, e.Sequence, e.Timestamp, e.Job, e.Number, e.Cause),
        StageStartedDto e => new StageStartedEntry(e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.ParentId, e.Path, e.Name, e.Kind),
        StageFinishedDto e => new StageFinishedEntry(
            e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.ParentId, e.Path, e.Name, e.Kind, e.Result, e.StartedAt, e.DurationMillis, e.SkipReason),
        StepStartedDto e => new StepStartedEntry(e.BuildId, e.Sequence, e.Timestamp, e.StepId, e.StageId, e.Name, e.Description),
        StepFinishedDto e => new StepFinishedEntry(e.BuildId, e.Sequence, e.Timestamp, e.StepId, e.StageId, e.Result, e.DurationMillis, e.Error),
        TestReportDto e => new TestReportEntry(
            e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.Total, e.Failed, e.Skipped,
            [.. e.Cases.Select(c => new TestCaseEntry(
                c.Suite, c.ClassName, c.Name, c.Status, c.DurationMillis, c.Message, c.StackTrace, c.Stdout, c.Stderr, c.FlakyFailures))]),
        CoverageReportDto e => new CoverageReportEntry(
            e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.Tool, e.LinesCovered, e.LinesTotal, e.BranchesCovered, e.BranchesTotal, e.Recorder),
        DeploymentDto e => new DeploymentEntry(
            e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.Project, e.Phase, e.Strategy, e.Weights, e.ImageDigests, e.Message),
        InputRequestedDto e => new InputRequestedEntry(
            e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.InputId, e.Message, e.Ok, e.Submitter,
            [.. e.Parameters.Select(p => new InputParameterEntry(p.Name, p.Type, p.DefaultValue, p.Description, p.Choices))]),
        InputAnsweredDto e => new InputAnsweredEntry(e.BuildId, e.Sequence, e.Timestamp, e.InputId, e.Proceeded, e.Submitter),
        BuildFinishedDto e => new BuildFinishedEntry(e.BuildId, e.Sequence, e.Timestamp, e.Result, e.DurationMillis),
        _ => throw new ArgumentOutOfRangeException(nameof(dto), dto.GetType().Name, "No journal record for this payload."),
    };

    /// <summary>The payload the hub sends for a record read back.</summary>
    public static BuildEventDto ToDto(JournalEntry entry) => entry switch
    {
        BuildStartedEntry e => new BuildStartedDto(e.BuildId, e.Sequence, e.Timestamp, e.Job, e.Number, e.Cause),
        StageStartedEntry e => new StageStartedDto(e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.ParentId, e.Path, e.Name, e.Kind),
        StageFinishedEntry e => new StageFinishedDto(
            e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.ParentId, e.Path, e.Name, e.Kind, e.Result, e.StartedAt, e.DurationMillis, e.SkipReason),
        StepStartedEntry e => new StepStartedDto(e.BuildId, e.Sequence, e.Timestamp, e.StepId, e.StageId, e.Name, e.Description),
        StepFinishedEntry e => new StepFinishedDto(e.BuildId, e.Sequence, e.Timestamp, e.StepId, e.StageId, e.Result, e.DurationMillis, e.Error),
        TestReportEntry e => new TestReportDto(
            e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.Total, e.Failed, e.Skipped,
            [.. e.Cases.Select(c => new TestCaseDto(
                c.Suite, c.ClassName, c.Name, c.Status, c.DurationMillis, c.Message, c.StackTrace, c.Stdout, c.Stderr, c.FlakyFailures))]),
        CoverageReportEntry e => new CoverageReportDto(
            e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.Tool, e.LinesCovered, e.LinesTotal, e.BranchesCovered, e.BranchesTotal, e.Recorder),
        DeploymentEntry e => new DeploymentDto(
            e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.Project, e.Phase, e.Strategy, e.Weights, e.ImageDigests, e.Message),
        InputRequestedEntry e => new InputRequestedDto(
            e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.InputId, e.Message, e.Ok, e.Submitter,
            [.. e.Parameters.Select(p => new InputParameterDto(p.Name, p.Type, p.DefaultValue, p.Description, p.Choices))]),
        InputAnsweredEntry e => new InputAnsweredDto(e.BuildId, e.Sequence, e.Timestamp, e.InputId, e.Proceeded, e.Submitter),
        BuildFinishedEntry e => new BuildFinishedDto(e.BuildId, e.Sequence, e.Timestamp, e.Result, e.DurationMillis),
        _ => throw new ArgumentOutOfRangeException(nameof(entry), entry.GetType().Name, "No payload for this journal record."),
    };
}
