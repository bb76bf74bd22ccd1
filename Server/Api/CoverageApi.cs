using ContainerCd.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContainerCd.Server.Api;

/// <summary>Code coverage (recordCoverage, cobertura): a build's line and branch coverage and the job's trend under <c>/api</c>. See docs/api.md.</summary>
internal static class CoverageApi
{
    public static void MapCoverageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/jobs/{job}/coverage/trend", GetTrend);
        app.MapGet("/api/jobs/{job}/builds/{number:int}/coverage", GetBuildCoverage);
    }

    /// <summary>
    /// The build's coverage as the viewer shows it: <c>line</c> and <c>branch</c> over every tool as covered, total and percent
    /// (null with no total); <c>tools</c>, each step and tool's own <c>line</c> and <c>branch</c> with <c>lineDelta</c> and
    /// <c>branchDelta</c>, the change in percentage points against the same step and tool in the <c>reference</c> build (the
    /// latest earlier build that recorded coverage; null when there is none to compare); <c>referenceTools</c>, that build's
    /// tools, and <c>sequence</c>, the last coverage event included (a live page adds the later ones).
    /// </summary>
    public static Dictionary<string, object?> View(BuildStore store, string job, int number)
    {
        var counts = store.GetCoverage(job, number) ?? new BuildStore.CoverageCounts(0, 0, 0, 0);
        var reference = store.GetPreviousCoverageBuild(job, number);
        var before = reference is { } r ? store.GetCoverageByTool(job, r) : [];
        var byTool = before.ToDictionary(t => (t.Recorder, t.Tool));
        return new Dictionary<string, object?>
        {
            ["line"] = Ratio(counts.LinesCovered, counts.LinesTotal),
            ["branch"] = Ratio(counts.BranchesCovered, counts.BranchesTotal),
            ["reference"] = reference,
            ["sequence"] = store.GetLastCoverageSequence(job, number),
            ["tools"] = store.GetCoverageByTool(job, number).Select(t =>
            {
                var previous = byTool.GetValueOrDefault((t.Recorder, t.Tool))?.Counts;
                return new
                {
                    recorder = t.Recorder,
                    tool = t.Tool,
                    line = Ratio(t.Counts.LinesCovered, t.Counts.LinesTotal),
                    branch = Ratio(t.Counts.BranchesCovered, t.Counts.BranchesTotal),
                    lineDelta = previous is null ? null : Delta(t.Counts.LinesCovered, t.Counts.LinesTotal, previous.LinesCovered, previous.LinesTotal),
                    branchDelta = previous is null ? null : Delta(t.Counts.BranchesCovered, t.Counts.BranchesTotal, previous.BranchesCovered, previous.BranchesTotal),
                };
            }).ToList(),
            ["referenceTools"] = before.Select(t => new
            {
                recorder = t.Recorder,
                tool = t.Tool,
                line = Ratio(t.Counts.LinesCovered, t.Counts.LinesTotal),
                branch = Ratio(t.Counts.BranchesCovered, t.Counts.BranchesTotal),
            }).ToList(),
        };
    }

    /// <summary>The build's <c>coverage</c> in <c>/api/jobs/J/builds/N</c>: <see cref="View"/>, or null when the build recorded none.</summary>
    public static Dictionary<string, object?>? Recorded(BuildStore store, string job, int number) =>
        store.GetLastCoverageSequence(job, number) == 0 ? null : View(store, job, number);

    private static IResult GetBuildCoverage(ServerContext server, string job, int number) =>
        server.Build(job, number) is null ? RestApi.NoSuchBuild(job, number) : Results.Ok(View(server.Store, job, number));

    private static IResult GetTrend(ServerContext server, string job, int? limit) =>
        server.Jobs.Find(job) is null
            ? RestApi.NoSuchJob(job)
            : Results.Ok(server.Store.GetCoverageTrend(job, Math.Clamp(limit ?? 30, 1, 200)).Select(t => new
            {
                number = t.Number,
                line = Ratio(t.Counts.LinesCovered, t.Counts.LinesTotal),
                branch = Ratio(t.Counts.BranchesCovered, t.Counts.BranchesTotal),
            }));

    private static object Ratio(long covered, long total) =>
        new { covered, total, percent = total == 0 ? (double?)null : Math.Round(100.0 * covered / total, 2) };

    private static double? Delta(long covered, long total, long coveredBefore, long totalBefore) =>
        total == 0 || totalBefore == 0 ? null : Math.Round((100.0 * covered / total) - (100.0 * coveredBefore / totalBefore), 2);
}
