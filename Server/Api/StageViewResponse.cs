using ContainerCd.Server.Storage;

namespace ContainerCd.Server.Api;

/// <summary>The answer of <c>GET /api/jobs/J/stageview</c> (camelCase on the wire): builds newest first, and whether older ones exist.</summary>
internal sealed record StageViewResponse(IReadOnlyList<StageViewBuild> Builds, bool More);

/// <summary>A build as the Stage View shows it: a row, with its count of changes and its stages in the order they started.</summary>
internal sealed record StageViewBuild(
    string BuildId,
    int Number,
    string DisplayName,
    string Url,
    string Status,
    string? Result,
    bool Building,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    long? DurationMillis,
    int ChangeCount,
    IReadOnlyList<StageViewStage> Stages)
{
    public static StageViewBuild From(StageViewRow row)
    {
        var b = row.Build;
        return new StageViewBuild(
            b.BuildId, b.Number, b.DisplayName ?? $"#{b.Number}", $"{JenkinsJobPaths.Url(b.Job)}{b.Number}/", b.Status, b.Result, b.Building,
            b.QueuedAt, b.StartedAt, b.DurationMillis, row.ChangeCount,
            [.. row.Stages.Select(s => new StageViewStage(
                s.StageId, s.ParentId, s.Name, s.Kind, s.Status, s.StartedAt, s.DurationMillis, s.SkipReason, row.WaitingForInput.Contains(s.StageId)))]);
    }
}

/// <summary>A stage of a Stage View row; <see cref="ParentId"/> is null for a top-level stage.</summary>
internal sealed record StageViewStage(
    string StageId,
    string? ParentId,
    string Name,
    string Kind,
    string Status,
    DateTimeOffset? StartedAt,
    long? DurationMillis,
    string? SkipReason,
    bool WaitingForInput);
