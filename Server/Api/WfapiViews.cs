using System.Globalization;
using System.Text.Json.Serialization;
using ContainerCd.Server.Storage;

namespace ContainerCd.Server.Api;

/// <summary>
/// The JSON of the Pipeline Stage View plugin's REST API (<c>wfapi</c>), as its <c>RunExt</c> and
/// <c>StageNodeExt</c> export it: statuses NOT_EXECUTED, IN_PROGRESS, PAUSED_PENDING_INPUT, SUCCESS, UNSTABLE,
/// FAILED, ABORTED; times in epoch milliseconds. Parallel branches are left out of <c>stages</c> (their
/// parent stage stands for them); nested stages are listed after their parent.
/// </summary>
internal static class WfapiViews
{
    public static WfapiRun Run(StageViewRow row, DateTimeOffset now)
    {
        var b = row.Build;
        var started = b.StartedAt ?? b.QueuedAt;
        var duration = b.Building ? (long)(now - started).TotalMilliseconds : b.DurationMillis ?? 0;
        var links = new Dictionary<string, WfapiLink> { ["self"] = Link($"{JenkinsJobPaths.Url(b.Job)}{b.Number}/wfapi/describe") };
        if (row.WaitingForInput.Count > 0)
        {
            links["pendingInputActions"] = Link($"{JenkinsJobPaths.Url(b.Job)}{b.Number}/wfapi/pendingInputActions");
        }

        return new WfapiRun(
            links,
            b.Number.ToString(CultureInfo.InvariantCulture),
            b.DisplayName ?? $"#{b.Number}",
            RunStatus(row),
            started.ToUnixTimeMilliseconds(),
            b.Building ? 0 : started.ToUnixTimeMilliseconds() + duration,
            duration,
            b.StartedAt is { } s0 ? (long)(s0 - b.QueuedAt).TotalMilliseconds : 0,
            0,
            [.. row.Stages.Where(s => s.Kind != "parallel").Select(s => Stage(row, s, now))]);
    }

    private static WfapiStage Stage(StageViewRow row, StageRecord s, DateTimeOffset now) => new(
        new WfapiStageLinks(Link($"{JenkinsJobPaths.Url(row.Build.Job)}{row.Build.Number}/execution/node/{Uri.EscapeDataString(s.StageId)}/wfapi/describe")),
        s.StageId,
        s.Name,
        string.Empty,
        row.WaitingForInput.Contains(s.StageId) && s.Status == "RUNNING" ? "PAUSED_PENDING_INPUT" : Status(s.Status),
        s.StartedAt?.ToUnixTimeMilliseconds() ?? 0,
        s.DurationMillis ?? (s.StartedAt is { } at && s.Status == "RUNNING" ? (long)(now - at).TotalMilliseconds : 0),
        0);

    private static string RunStatus(StageViewRow row) => row.Build switch
    {
        { Status: BuildStatuses.Queued } => "NOT_EXECUTED",
        { Building: true } => row.WaitingForInput.Count > 0 ? "PAUSED_PENDING_INPUT" : "IN_PROGRESS",
        var b => Status(b.Result ?? "FAILURE"),
    };

    /// <summary>Stage View's name for a stage status or build result.</summary>
    private static string Status(string status) => status switch
    {
        "RUNNING" => "IN_PROGRESS",
        "FAILURE" => "FAILED",
        "SKIPPED" or "NOT_BUILT" => "NOT_EXECUTED",
        _ => status, // SUCCESS, UNSTABLE, ABORTED
    };

    private static WfapiLink Link(string href) => new(href);
}

/// <summary>A run as Stage View's <c>RunExt</c> exports it: <c>_links</c> has <c>self</c>, and <c>pendingInputActions</c> while it waits for input.</summary>
internal sealed record WfapiRun(
    [property: JsonPropertyName("_links")] IReadOnlyDictionary<string, WfapiLink> Links,
    string Id,
    string Name,
    string Status,
    long StartTimeMillis,
    long EndTimeMillis,
    long DurationMillis,
    long QueueDurationMillis,
    long PauseDurationMillis,
    IReadOnlyList<WfapiStage> Stages);

/// <summary>A stage as Stage View's <c>StageNodeExt</c> exports it.</summary>
internal sealed record WfapiStage(
    [property: JsonPropertyName("_links")] WfapiStageLinks Links,
    string Id,
    string Name,
    string ExecNode,
    string Status,
    long StartTimeMillis,
    long DurationMillis,
    long PauseDurationMillis);

/// <summary>A link of Stage View's <c>_links</c>.</summary>
internal sealed record WfapiLink(string Href);

/// <summary>A stage's <c>_links</c>: its own description.</summary>
internal sealed record WfapiStageLinks(WfapiLink Self);
