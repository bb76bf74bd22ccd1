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
    public static BuildCoverageView View(BuildStore store, string job, int number)
    {
        var counts = store.GetCoverage(job, number) ?? new BuildStore.CoverageCounts(0, 0, 0, 0);
        var reference = store.GetPreviousCoverageBuild(job, number);
        var before = reference is { } r ? store.GetCoverageByTool(job, r) : [];
        var byTool = before.ToDictionary(t => (t.Recorder, t.Tool));
        return new BuildCoverageView(
            LineRatio(counts),
            BranchRatio(counts),
            reference,
            store.GetLastCoverageSequence(job, number),
            [.. store.GetCoverageByTool(job, number).Select(t =>
            {
                var previous = byTool.GetValueOrDefault((t.Recorder, t.Tool))?.Counts;
                return new ToolCoverageView(
                    t.Recorder,
                    t.Tool,
                    LineRatio(t.Counts),
                    BranchRatio(t.Counts),
                    previous is null ? null : Delta(t.Counts.LinesCovered, t.Counts.LinesTotal, previous.LinesCovered, previous.LinesTotal),
                    previous is null ? null : Delta(t.Counts.BranchesCovered, t.Counts.BranchesTotal, previous.BranchesCovered, previous.BranchesTotal));
            })],
            [.. before.Select(t => new ReferenceToolCoverageView(t.Recorder, t.Tool, LineRatio(t.Counts), BranchRatio(t.Counts)))]);
    }

    /// <summary>The build's <c>coverage</c> in <c>/api/jobs/J/builds/N</c>: <see cref="View"/>, or null when the build recorded none.</summary>
    public static BuildCoverageView? Recorded(BuildStore store, string job, int number) =>
        store.GetLastCoverageSequence(job, number) == 0 ? null : View(store, job, number);

    private static IResult GetBuildCoverage(ServerContext server, string job, int number) =>
        server.Build(job, number) is null ? RestApi.NoSuchBuild(job, number) : Results.Ok(View(server.Store, job, number));

    private static IResult GetTrend(ServerContext server, string job, int? limit) =>
        server.Jobs.Find(job) is null
            ? RestApi.NoSuchJob(job)
            : Results.Ok(server.Store.GetCoverageTrend(job, Math.Clamp(limit ?? 30, 1, 200))
                .Select(t => new CoverageTrendPoint(t.Number, LineRatio(t.Counts), BranchRatio(t.Counts))));

    private static CoverageRatio LineRatio(BuildStore.CoverageCounts counts) => CoverageRatio.Of(counts.LinesCovered, counts.LinesTotal);

    private static CoverageRatio BranchRatio(BuildStore.CoverageCounts counts) => CoverageRatio.Of(counts.BranchesCovered, counts.BranchesTotal);

    private static double? Delta(long covered, long total, long coveredBefore, long totalBefore) =>
        total == 0 || totalBefore == 0 ? null : Math.Round((100.0 * covered / total) - (100.0 * coveredBefore / totalBefore), 2);
}
