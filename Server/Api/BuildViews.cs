using ContainerCd.Server.Storage;

namespace ContainerCd.Server.Api;

/// <summary>The JSON shapes of the REST API (camelCase on the wire).</summary>
internal static class BuildViews
{
    public static object Summary(BuildRecord build, long logSize) => new
    {
        buildId = build.BuildId,
        job = build.Job,
        number = build.Number,
        status = build.Status,
        result = build.Result,
        building = build.Building,
        cause = build.Cause.ShortDescription,
        parameters = build.Parameters,
        queuedAt = build.QueuedAt,
        startedAt = build.StartedAt,
        durationMillis = build.DurationMillis,
        lastSequence = build.LastSequence,
        logSize,
        url = $"{JenkinsJobPaths.Url(build.Job)}{build.Number}/",
    };

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
