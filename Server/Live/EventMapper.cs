using System.Text;
using System.Text.Json;
using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Results;
using ContainerCd.Server.Hubs;

namespace ContainerCd.Server.Live;

/// <summary>Turns the runtime's build events into the hub's payloads.</summary>
internal static class EventMapper
{
    public static BuildEventDto ToDto(BuildEvent buildEvent) => buildEvent switch
    {
        BuildStarted e => new BuildStartedDto(e.BuildId, e.Sequence, e.Timestamp, e.Job, e.Number, e.Cause),
        StageStarted e => new StageStartedDto(e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.ParentId, [.. e.Path], e.Name, KindName(e.Kind)),
        StageFinished e => new StageFinishedDto(
            e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.ParentId, [.. e.Path], e.Name, KindName(e.Kind),
            e.Result.ToJenkinsName(), e.StartedAt, Millis(e.Duration), e.SkipReason),
        StepStarted e => new StepStartedDto(e.BuildId, e.Sequence, e.Timestamp, e.StepId, e.StageId, e.Name, e.Description),
        StepFinished e => new StepFinishedDto(e.BuildId, e.Sequence, e.Timestamp, e.StepId, e.StageId, e.Result.ToJenkinsName(), Millis(e.Duration), e.Error),
        LogChunk e => new LogDto(
            e.BuildId, e.Sequence, e.Sequence, e.Timestamp, e.Offset, Encoding.UTF8.GetByteCount(e.Text), e.Text, [new LogSegment(e.StageId, e.StepId, e.Text.Length)]),
        TestReport e => new TestReportDto(
            e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.Total, e.Failed, e.Skipped,
            [.. e.Cases.Select(c => new TestCaseDto(
                c.Suite, c.ClassName, c.Name, c.Status, Millis(c.Duration), c.Message, c.StackTrace, c.Stdout, c.Stderr, c.FlakyFailures))]),
        CoverageReport e => new CoverageReportDto(
            e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.Tool, e.LinesCovered, e.LinesTotal, e.BranchesCovered, e.BranchesTotal, e.Recorder),
        DeploymentEvent e => new DeploymentDto(
            e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.Project, PhaseName(e.Phase), e.Strategy,
            // By name: an ImmutableDictionary's order follows string hashes, which differ from process to process.
            e.Weights.OrderBy(w => w.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal),
            e.ImageDigests.OrderBy(d => d.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal), e.Message),
        InputRequested e => new InputRequestedDto(
            e.BuildId, e.Sequence, e.Timestamp, e.StageId, e.InputId, e.Message, e.Ok, e.Submitter,
            [.. e.Parameters.Select(p => new InputParameterDto(p.Name, p.Type, p.DefaultValue, p.Description, [.. p.Choices]))]),
        InputAnswered e => new InputAnsweredDto(e.BuildId, e.Sequence, e.Timestamp, e.InputId, e.Proceeded, e.Submitter),
        BuildFinished e => new BuildFinishedDto(e.BuildId, e.Sequence, e.Timestamp, e.Result.ToJenkinsName(), Millis(e.Duration)),
        _ => throw new ArgumentOutOfRangeException(nameof(buildEvent), buildEvent.GetType().Name, "Unknown build event type."),
    };

    public static string KindName(StageKind kind) => kind switch
    {
        StageKind.Stage => "stage",
        StageKind.ParallelBranch => "parallel",
        StageKind.MatrixCell => "matrix",
        StageKind.Synthetic => "synthetic",
        _ => "stage",
    };

    /// <summary>A deployment phase as the API and hub name it: <c>started</c>, <c>weightsChanged</c>, <c>rolledBack</c>...</summary>
    public static string PhaseName(DeploymentPhase phase) => JsonNamingPolicy.CamelCase.ConvertName(phase.ToString());

    public static long Millis(TimeSpan duration) => (long)duration.TotalMilliseconds;
}
