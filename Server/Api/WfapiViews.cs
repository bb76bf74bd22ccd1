using System.Globalization;
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
    public static Dictionary<string, object?> Run(StageViewRow row, DateTimeOffset now)
    {
        var b = row.Build;
        var started = b.StartedAt ?? b.QueuedAt;
        var duration = b.Building ? (long)(now - started).TotalMilliseconds : b.DurationMillis ?? 0;
        var links = new Dictionary<string, object?> { ["self"] = Link($"{JenkinsJobPaths.Url(b.Job)}{b.Number}/wfapi/describe") };
        if (row.WaitingForInput.Count > 0)
        {
            links["pendingInputActions"] = Link($"{JenkinsJobPaths.Url(b.Job)}{b.Number}/wfapi/pendingInputActions");
        }

        return new Dictionary<string, object?>
        {
            ["_links"] = links,
            ["id"] = b.Number.ToString(CultureInfo.InvariantCulture),
            ["name"] = b.DisplayName ?? $"#{b.Number}",
            ["status"] = RunStatus(row),
            ["startTimeMillis"] = started.ToUnixTimeMilliseconds(),
            ["endTimeMillis"] = b.Building ? 0 : started.ToUnixTimeMilliseconds() + duration,
            ["durationMillis"] = duration,
            ["queueDurationMillis"] = b.StartedAt is { } s0 ? (long)(s0 - b.QueuedAt).TotalMilliseconds : 0,
            ["pauseDurationMillis"] = 0,
            ["stages"] = row.Stages.Where(s => s.Kind != "parallel").Select(s => Stage(row, s, now)).ToList(),
        };
    }

    private static Dictionary<string, object?> Stage(StageViewRow row, StageRecord s, DateTimeOffset now) => new()
    {
        ["_links"] = new { self = Link($"{JenkinsJobPaths.Url(row.Build.Job)}{row.Build.Number}/execution/node/{Uri.EscapeDataString(s.StageId)}/wfapi/describe") },
        ["id"] = s.StageId,
        ["name"] = s.Name,
        ["execNode"] = string.Empty,
        ["status"] = row.WaitingForInput.Contains(s.StageId) && s.Status == "RUNNING" ? "PAUSED_PENDING_INPUT" : Status(s.Status),
        ["startTimeMillis"] = s.StartedAt?.ToUnixTimeMilliseconds() ?? 0,
        ["durationMillis"] = s.DurationMillis ?? (s.StartedAt is { } at && s.Status == "RUNNING" ? (long)(now - at).TotalMilliseconds : 0),
        ["pauseDurationMillis"] = 0,
    };

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

    private static object Link(string href) => new { href };
}
