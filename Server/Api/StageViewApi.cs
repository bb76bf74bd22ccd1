using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContainerCd.Server.Api;

/// <summary>
/// The job page's Stage View: Jenkins' <c>GET /job/J/wfapi/runs</c> (the Stage View plugin's own endpoint) and
/// the viewer's <c>GET /api/jobs/J/stageview</c>, which also gives parallel branches and nested stages with their
/// parent, and the count of changes. Both read the last builds and their stages in one snapshot, two queries
/// whatever the number of builds. See docs/api.md.
/// </summary>
internal static class StageViewApi
{
    /// <summary>As many runs as the Stage View plugin lists (its <c>maxRunsPerJob</c> default).</summary>
    private const int WfapiRuns = 10;

    private const int MaxRows = 100;

    public static void MapStageViewApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/job/{job}/wfapi/runs", Runs);
        app.MapGet("/api/jobs/{job}/stageview", StageView);
    }

    /// <summary>
    /// The last 10 runs, newest first; <c>since=#N</c> (or <c>N</c>) stops at run N, included, as Jenkins does.
    /// <c>fullStages</c> is accepted, but stages never carry their flow nodes (<c>stageFlowNodes</c>).
    /// </summary>
    private static IResult Runs(ServerContext server, string job, string? since)
    {
        if (server.Jobs.Find(job) is null)
        {
            return RestApi.NoSuchJob(job);
        }

        int? first = null;
        if (!string.IsNullOrEmpty(since))
        {
            if (!int.TryParse(since.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                return Results.BadRequest(new ErrorResponse($"'since' must be a run id such as #12, not '{since}'."));
            }

            first = n;
        }

        var now = server.Time.GetUtcNow();
        return Results.Ok(server.Store.GetStageView(job, WfapiRuns)
            .Where(r => first is null || r.Build.Number >= first)
            .Select(r => WfapiViews.Run(r, now))
            .ToList());
    }

    /// <summary>The viewer's table: <c>limit</c> builds (10 by default, at most 100) numbered below <c>before</c>, and whether there are more.</summary>
    private static IResult StageView(ServerContext server, string job, int? limit, int? before)
    {
        if (server.Jobs.Find(job) is null)
        {
            return RestApi.NoSuchJob(job);
        }

        var count = Math.Clamp(limit ?? 10, 1, MaxRows);
        var rows = server.Store.GetStageView(job, count + 1, before);
        return Results.Ok(new StageViewResponse([.. rows.Take(count).Select(StageViewBuild.From)], rows.Count > count));
    }
}
