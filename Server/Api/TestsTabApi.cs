using ContainerCd.Server.Storage;
using Microsoft.AspNetCore.Http;

namespace ContainerCd.Server.Api;

/// <summary>
/// The Tests tab's data (<c>/api/jobs/J/builds/N/tests</c>), a page at a time: the tab's order is failures, then
/// passes, then skips, each by stage (in the order the stages started) and suite, then in the order the cases were
/// recorded. The status and the text filter are applied by the server; the answer says how many cases match, and
/// with <c>layout=true</c> the groups (a heading and its count each), so the list can size its scrollbar and ask for
/// the rows that come into view. See docs/api.md.
/// </summary>
internal static class TestsTabApi
{
    /// <summary>How many of the last builds (by number) a case must have both passed and failed in to be flaky.</summary>
    private const int FlakyWindow = 10;

    private const int MaxCount = 500;

    private static readonly Dictionary<string, string?> Statuses = new(StringComparer.Ordinal)
    {
        ["all"] = null, ["failed"] = "FAILED", ["passed"] = "PASSED", ["skipped"] = "SKIPPED",
    };

    public static IResult GetPage(ServerContext server, string job, int number, string? status, string? q, int? from, int? count, bool? layout)
    {
        if (server.Build(job, number) is null)
        {
            return RestApi.NoSuchBuild(job, number);
        }

        if (!Statuses.TryGetValue(status ?? "all", out var recorded))
        {
            return Results.BadRequest(new ErrorResponse($"status must be one of {string.Join(", ", Statuses.Keys)}, not '{status}'"));
        }

        if (from < 0 || count is < 1 or > MaxCount)
        {
            return Results.BadRequest(new ErrorResponse($"from must be 0 or more and count between 1 and {MaxCount}"));
        }

        var stages = server.Store.GetStages(job, number);
        var stageNames = stages.ToDictionary(s => s.StageId, s => s.Path is { Count: > 0 } path ? string.Join(" › ", path) : s.Name, StringComparer.Ordinal);
        var stageOrder = stages.Select((s, i) => (s.StageId, i)).ToDictionary(s => s.StageId, s => s.i, StringComparer.Ordinal);
        var filter = new TestFilter(recorded, string.IsNullOrEmpty(q) ? null : q, stageNames);
        var groups = server.Store.GetTestGroups(job, number, filter)
            .OrderBy(g => g.Status, StringComparer.Ordinal) // FAILED, PASSED, SKIPPED: the tab's order
            .ThenBy(g => g.StageId is not null && stageOrder.TryGetValue(g.StageId, out var order) ? order : int.MaxValue)
            .ThenBy(g => g.StageId, StringComparer.Ordinal)
            .ThenBy(g => g.Suite, StringComparer.Ordinal)
            .ToList();
        var start = from ?? 0;
        var rows = server.Store.GetTestRows(job, number, filter, Slices(groups, start, count ?? 100), FlakyWindow);
        var groupIndex = groups.Select((g, i) => (g, i)).ToDictionary(x => (x.g.Status, x.g.StageId, x.g.Suite), x => x.i);
        var counts = server.Store.GetTestCounts(job, number) ?? new TestCounts(0, 0, 0);
        return Results.Ok(new TestsPageResponse(
            counts.Total,
            counts.Failed,
            counts.Skipped,
            counts.Passed,
            groups.Sum(g => g.Count),
            start,
            layout == true ? [.. stages.Select(s => new TestsPageStage(s.StageId, s.Name, s.Path))] : null,
            layout == true ? [.. groups.Select(g => new object?[] { g.Status, g.StageId, g.Suite, g.Count })] : null,
            [.. rows.Select(r => Row(r.Case, r.FlakyHistory, groupIndex[(r.Case.Status, r.Case.StageId, r.Case.Suite)]))]));
    }

    /// <summary>[group, className, name, status, durationMillis, failedSince, flaky, errorDetails, errorStackTrace], the last two for failures.</summary>
    private static object?[] Row(TestCaseRecord c, bool flakyHistory, int group)
    {
        var flaky = c.FlakyFailures > 0 || flakyHistory;
        return c.Status == "FAILED"
            ? [group, c.ClassName, c.Name, TestReportApi.JenkinsStatus(c), c.DurationMillis, c.FailedSince, flaky, c.Message, c.StackTrace]
            : [group, c.ClassName, c.Name, TestReportApi.JenkinsStatus(c), c.DurationMillis, 0, flaky];
    }

    /// <summary>The part of each group that falls in the cases [from, from + count) of the tab's order.</summary>
    private static IEnumerable<(TestGroup Group, int Offset, int Count)> Slices(List<TestGroup> groups, int from, int count)
    {
        var (start, end) = (0L, (long)from + count);
        foreach (var group in groups)
        {
            var (low, high) = (Math.Max(from, start), Math.Min(end, start + group.Count));
            if (low < high)
            {
                yield return (group, (int)(low - start), (int)(high - low));
            }

            start += group.Count;
            if (start >= end)
            {
                yield break;
            }
        }
    }
}

/// <summary>
/// A page of the Tests tab: the build's totals, how many cases match the filter, where the page starts, the stages and
/// groups with <c>layout=true</c> (null without), and the page's cases as rows (see <see cref="TestsTabApi"/>).
/// </summary>
internal sealed record TestsPageResponse(
    int Total,
    int Failed,
    int Skipped,
    int Passed,
    int Matched,
    int From,
    IReadOnlyList<TestsPageStage>? Stages,
    IReadOnlyList<object?[]>? Groups,
    IReadOnlyList<object?[]> Cases);

/// <summary>A stage of the Tests tab's layout, for its headings.</summary>
internal sealed record TestsPageStage(string StageId, string Name, IReadOnlyList<string> Path);
