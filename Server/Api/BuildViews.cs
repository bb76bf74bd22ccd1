using System.Text.Json;
using ContainerCd.Server.Storage;

namespace ContainerCd.Server.Api;

/// <summary>The JSON shapes of the REST API's builds (camelCase on the wire): see the response records below.</summary>
internal static class BuildViews
{
    public static BuildSummaryResponse Summary(BuildRecord build, long logSize) => new(
        build.BuildId,
        build.Job,
        build.Number,
        build.Status,
        build.Result,
        build.Building,
        build.Cause.ShortDescription,
        build.Parameters,
        build.QueuedAt,
        build.StartedAt,
        build.DurationMillis,
        build.LastSequence,
        logSize,
        $"{JenkinsJobPaths.Url(build.Job)}{build.Number}/");

    /// <summary>Stages as a tree: top-level stages in order, each with its nested and parallel children.</summary>
    public static IReadOnlyList<StageNode> StageTree(IReadOnlyList<StageRecord> stages)
    {
        var nodes = stages.ToDictionary(s => s.StageId, s => new StageNode(s), StringComparer.Ordinal);
        var roots = new List<StageNode>();
        foreach (var stage in stages)
        {
            if (stage.ParentId is not null && nodes.TryGetValue(stage.ParentId, out var parent))
            {
                parent.Children.Add(nodes[stage.StageId]);
            }
            else
            {
                roots.Add(nodes[stage.StageId]);
            }
        }

        return roots;
    }

    /// <summary>A stage with its children, as the API returns it.</summary>
    internal sealed class StageNode(StageRecord stage)
    {
        public string StageId => stage.StageId;

        public string Name => stage.Name;

        public IReadOnlyList<string> Path => stage.Path;

        public string Kind => stage.Kind;

        public string Status => stage.Status;

        public DateTimeOffset? StartedAt => stage.StartedAt;

        public long? DurationMillis => stage.DurationMillis;

        public string? SkipReason => stage.SkipReason;

        public List<StageNode> Children { get; } = [];
    }
}

/// <summary>A build in lists and at the head of <see cref="BuildDetailResponse"/>: <c>url</c> is its Jenkins URL, <c>logSize</c> its console's bytes.</summary>
internal sealed record BuildSummaryResponse(
    string BuildId,
    string Job,
    int Number,
    string Status,
    string? Result,
    bool Building,
    string Cause,
    IReadOnlyDictionary<string, string> Parameters,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    long? DurationMillis,
    long LastSequence,
    long LogSize,
    string Url);

/// <summary><c>GET /api/jobs/J/builds/N</c>: the build with its stage tree, steps, test totals, coverage (null when none), deployments and inputs.</summary>
internal sealed record BuildDetailResponse(
    BuildSummaryResponse Build,
    IReadOnlyList<BuildViews.StageNode> Stages,
    IReadOnlyList<StepView> Steps,
    TestTotalsView Tests,
    BuildCoverageView? Coverage,
    IReadOnlyList<DeploymentView> Deployments,
    IReadOnlyList<InputView> Inputs);

/// <summary>A step of a build, with its stage: RUNNING until it finishes, then its result.</summary>
internal sealed record StepView(
    string StepId, string? StageId, string Name, string? Description, string Status, DateTimeOffset StartedAt, long? DurationMillis, string? Error)
{
    public static StepView Of(StepRecord step) =>
        new(step.StepId, step.StageId, step.Name, step.Description, step.Status, step.StartedAt, step.DurationMillis, step.Error);
}

internal sealed record TestTotalsView(int Total, int Failed, int Skipped, int Passed)
{
    public static TestTotalsView Of(TestCounts counts) => new(counts.Total, counts.Failed, counts.Skipped, counts.Passed);
}

/// <summary>An input the build asked for: its parameters as the input step declared them; <c>state</c> PENDING, PROCEEDED or ABORTED.</summary>
internal sealed record InputView(
    string InputId, string? StageId, string Message, string Ok, string? Submitter, JsonElement Parameters, string State, string? AnsweredBy)
{
    public static InputView Of(InputRecord input) => new(
        input.InputId, input.StageId, input.Message, input.Ok, input.Submitter,
        JsonSerializer.Deserialize<JsonElement>(input.ParametersJson), input.State, input.AnsweredBy);
}

/// <summary>A line of the log that matched a search, and the byte offset it starts at.</summary>
internal sealed record LogSearchHit(long Offset, string Line);

/// <summary>An event of <c>GET /api/jobs/J/builds/N/events</c>: the hub method's name and the payload it sends (serialized as its own type).</summary>
internal sealed record BuildEventResponse(string Type, object Data);
