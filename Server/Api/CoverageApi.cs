using ContainerCd.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContainerCd.Server.Api;

/// <summary>Code coverage (recordCoverage, cobertura): a build's line and branch coverage and the job's trend under <c>/api</c>. See docs/api.md.</summary>
internal static class CoverageApi
{
    public static void MapCoverageApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/jobs/{job}/coverage/trend", GetTrend);

    /// <summary>The build's <c>coverage</c>: <c>line</c> and <c>branch</c> as covered, total and percent (null with no total); null when it recorded none.</summary>
    public static object? View(BuildStore.CoverageCounts? counts) =>
        counts is null ? null : new { line = Ratio(counts.LinesCovered, counts.LinesTotal), branch = Ratio(counts.BranchesCovered, counts.BranchesTotal) };

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
}
