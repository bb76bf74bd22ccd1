using ContainerCd.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContainerCd.Server.Api;

/// <summary>
/// Test results: Jenkins' <c>/job/J/N/testReport/api/json</c> (hudson.tasks.junit.TestResult, with the statuses
/// Jenkins computes against the previous build), the build's TestResultAction, and the viewer's Tests tab and
/// trend under <c>/api</c>. See docs/api.md.
/// </summary>
internal static class TestReportApi
{
    public static void MapTestReportApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/job/{job}/{build}/testReport/api/json", GetJenkinsReport);
        app.MapGet("/api/jobs/{job}/builds/{number:int}/tests", TestsTabApi.GetPage);
        app.MapGet("/api/jobs/{job}/tests/trend", GetTrend);
    }

    /// <summary>The build's <c>actions[]</c> entry Jenkins tools read, or null when the build recorded no test.</summary>
    public static JenkinsTestResultAction? Action(ServerContext server, string job, int number) =>
        server.Store.GetTestCounts(job, number) is { } counts ? new JenkinsTestResultAction(counts.Failed, counts.Skipped, counts.Total, "testReport") : null;

    /// <summary>Jenkins' status of a case: SKIPPED, else PASSED/FAILED, or FIXED/REGRESSION when it changed since the previous build (CaseResult.getStatus).</summary>
    public static string JenkinsStatus(TestCaseRecord c)
    {
        if (c.Status == "SKIPPED")
        {
            return "SKIPPED";
        }

        var passed = c.Status == "PASSED";
        return c.PreviousStatus switch
        {
            null => passed ? "PASSED" : "FAILED",
            "PASSED" => passed ? "PASSED" : "REGRESSION",
            _ => passed ? "FIXED" : "FAILED",
        };
    }

    private static IResult GetJenkinsReport(ServerContext server, string job, string build)
    {
        if (server.Resolve(job, build) is not { } b || server.Store.GetTestCases(job, b.Number) is not { Count: > 0 } cases)
        {
            return Results.NotFound();
        }

        var stages = Stages(server, job, b.Number);
        var suites = new List<JenkinsTestSuite>();
        foreach (var group in Consecutive(cases))
        {
            var (blockIds, blockNames) = Enclosing(stages, group[0].StageId);
            suites.Add(new JenkinsTestSuite(
                [.. group.Select(c => JenkinsCase(c, b.Number))], Seconds(group.Sum(c => c.DurationMillis)), blockNames, blockIds, null, group[0].Suite, group[0].StageId, null, null, null));
        }

        var failed = cases.Count(c => c.Status == "FAILED");
        var skipped = cases.Count(c => c.Status == "SKIPPED");
        return Results.Ok(new JenkinsTestResult([], Seconds(cases.Sum(c => c.DurationMillis)), false, failed, cases.Count - failed - skipped, skipped, suites));
    }

    private static JenkinsTestCase JenkinsCase(TestCaseRecord c, int number) => new(
        [],
        c.Status == "FAILED" ? number - c.FailedSince + 1 : 0,
        c.ClassName,
        Seconds(c.DurationMillis),
        c.Status == "FAILED" ? c.Message : null,
        c.StackTrace,
        c.FailedSince,
        c.Name,
        c.Status == "SKIPPED",
        c.Status == "SKIPPED" ? c.Message : null,
        JenkinsStatus(c),
        c.Stderr,
        c.Stdout);

    private static IResult GetTrend(ServerContext server, string job, int? limit)
    {
        if (server.Jobs.Find(job) is null)
        {
            return RestApi.NoSuchJob(job);
        }

        return Results.Ok(server.Store.GetTestTrend(job, Math.Clamp(limit ?? 30, 1, 200))
            .Select(t => new TestTrendPoint(t.Number, t.Counts.Total, t.Counts.Failed, t.Counts.Skipped, t.Counts.Passed)));
    }

    private static Dictionary<string, StageRecord> Stages(ServerContext server, string job, int number) =>
        server.Store.GetStages(job, number).ToDictionary(s => s.StageId, StringComparer.Ordinal);

    /// <summary>The stage a case was recorded in and the stages around it, innermost first, as Jenkins' enclosingBlocks and enclosingBlockNames.</summary>
    private static (List<string> Ids, List<string> Names) Enclosing(Dictionary<string, StageRecord> stages, string? stageId)
    {
        var (ids, names) = (new List<string>(), new List<string>());
        for (var id = stageId; id is not null && stages.TryGetValue(id, out var stage) && ids.Count < 64; id = stage.ParentId)
        {
            ids.Add(stage.StageId);
            names.Add(stage.Name);
        }

        return (ids, names);
    }

    /// <summary>Cases grouped as Jenkins' suites: consecutive cases of the same suite recorded in the same stage.</summary>
    private static IEnumerable<List<TestCaseRecord>> Consecutive(IReadOnlyList<TestCaseRecord> cases)
    {
        var group = new List<TestCaseRecord>();
        foreach (var c in cases)
        {
            if (group.Count > 0 && (group[0].Suite != c.Suite || group[0].StageId != c.StageId))
            {
                yield return group;
                group = [];
            }

            group.Add(c);
        }

        if (group.Count > 0)
        {
            yield return group;
        }
    }

    private static double Seconds(long millis) => Math.Round(millis / 1000.0, 3);
}

/// <summary>A build's point of <c>GET /api/jobs/J/tests/trend</c>: its test totals.</summary>
internal sealed record TestTrendPoint(int Number, int Total, int Failed, int Skipped, int Passed);
