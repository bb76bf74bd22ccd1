using System.Globalization;
using System.Text;
using System.Text.Json;
using ContainerCd.Server.Builds;
using ContainerCd.Server.Hubs;
using ContainerCd.Server.Jobs;
using ContainerCd.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContainerCd.Server.Api;

/// <summary>The server's own REST API under <c>/api</c> (JSON). See docs/api.md.</summary>
internal static class RestApi
{
    private const int MaxRangeBytes = 16 * 1024 * 1024;

    public static void MapRestApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/jobs", ListJobs);
        api.MapGet("/jobs/{job}", GetJob);
        api.MapPost("/jobs/{job}/builds", TriggerAsync);
        api.MapGet("/jobs/{job}/builds", ListBuilds);
        api.MapGet("/jobs/{job}/builds/{number:int}", GetBuild);
        api.MapGet("/jobs/{job}/builds/{number:int}/log", GetLog);
        api.MapGet("/jobs/{job}/builds/{number:int}/log/search", SearchLog);
        api.MapGet("/jobs/{job}/builds/{number:int}/stages/{stageId}/log", GetStageLog);
        api.MapGet("/jobs/{job}/builds/{number:int}/events", GetEvents);
        api.MapPost("/jobs/{job}/builds/{number:int}/abort", Abort);
        api.MapPost("/jobs/{job}/builds/{number:int}/inputs/{inputId}", AnswerInputAsync);
        api.MapGet("/builds", ListAllBuilds);
    }

    private static IResult ListJobs(ServerContext server) => Results.Ok(server.Jobs.All().Select(job =>
    {
        var latest = server.Store.ListBuilds(job.Name, 1);
        var last = latest.Count > 0 ? latest[0] : null;
        return new JobSummaryResponse(
            job.Name,
            job.JenkinsfilePath,
            job.Source,
            JenkinsJobPaths.Url(job.Name),
            JobViews.Repository(job),
            Children(server, job),
            last is null ? null : BuildViews.Summary(last, server.LogSize(last)));
    }));

    private static IResult GetJob(ServerContext server, string job) =>
        server.Jobs.Find(job) is { } definition
            ? Results.Ok(new JobResponse(
                definition.Name, definition.JenkinsfilePath, definition.Source, JenkinsJobPaths.Url(job), JobViews.Repository(definition), Children(server, definition)))
            : NoSuchJob(job);

    private static List<JobChildView>? Children(ServerContext server, JobDefinition job) =>
        job.IsMultibranch ? [.. server.Jobs.Children(job).Select(JobViews.Child)] : null;

    private static async Task<IResult> TriggerAsync(ServerContext server, string job, HttpRequest request)
    {
        if (server.Jobs.Find(job) is not { } definition)
        {
            return NoSuchJob(job);
        }

        if (!definition.Buildable)
        {
            return NotBuildable(definition);
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        string? note = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            TriggerRequest? body;
            try
            {
                body = await request.ReadFromJsonAsync<TriggerRequest>(request.HttpContext.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException exception)
            {
                return Results.BadRequest(new ErrorResponse("The body must be JSON like {\"parameters\":{\"NAME\":\"value\"}}: " + exception.Message));
            }

            foreach (var (name, value) in body?.Parameters ?? [])
            {
                parameters[name] = value;
            }

            note = body?.Cause;
        }

        var build = server.Queue.Trigger(definition, parameters, RequestIdentity.CauseOf(request, remote: false, note));
        return Results.Created($"/api/jobs/{job}/builds/{build.Number}", BuildViews.Summary(build, 0));
    }

    private static IResult ListBuilds(ServerContext server, string job, int? limit) =>
        Results.Ok(server.Store.ListBuilds(job, Math.Clamp(limit ?? 50, 1, 1000)).Select(b => BuildViews.Summary(b, server.LogSize(b))));

    private static IResult ListAllBuilds(ServerContext server, int? limit, string? status) =>
        Results.Ok(server.Store.ListBuilds(null, Math.Clamp(limit ?? 50, 1, 1000), status?.ToUpperInvariant()).Select(b => BuildViews.Summary(b, server.LogSize(b))));

    private static IResult GetBuild(ServerContext server, string job, int number)
    {
        if (server.Build(job, number) is not { } build)
        {
            return NoSuchBuild(job, number);
        }

        var tests = server.Store.GetTestCounts(job, number) ?? new TestCounts(0, 0, 0);
        return Results.Ok(new BuildDetailResponse(
            BuildViews.Summary(build, server.LogSize(build)),
            BuildViews.StageTree(server.Store.GetStages(job, number)),
            [.. server.Store.GetSteps(job, number).Select(StepView.Of)],
            TestTotalsView.Of(tests),
            CoverageApi.Recorded(server.Store, job, number),
            DeploymentApi.ForBuild(server, job, number),
            [.. server.Store.GetInputs(job, number).Select(InputView.Of)]));
    }

    /// <summary>
    /// The log by byte range: <c>start</c> (default 0) to <c>end</c> (default the current size, at most 16 MiB
    /// at once), or the last <c>tail</c> bytes. With <c>lines=true</c> the range is widened to whole lines.
    /// Headers: <c>X-Log-Size</c>, <c>X-Range-Start</c>, <c>X-Range-End</c>, <c>X-More-Data</c> (build still running).
    /// </summary>
    private static IResult GetLog(ServerContext server, HttpContext http, string job, int number, long? start, long? end, long? tail, bool? lines)
    {
        if (server.Build(job, number) is not { } build)
        {
            return NoSuchBuild(job, number);
        }

        var file = server.Paths.LogFile(job, number);
        var size = LogFiles.Size(file);
        var from = tail is { } t ? Math.Max(0, size - t) : Math.Max(0, start ?? 0);
        var to = Math.Min(end ?? size, from + MaxRangeBytes);
        var (rangeStart, rangeEnd, bytes) = lines == true ? LogFiles.ReadLines(file, from, to) : Range(file, from, to);
        http.Response.Headers["X-Log-Size"] = size.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-Range-Start"] = rangeStart.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-Range-End"] = rangeEnd.ToString(CultureInfo.InvariantCulture);
        http.Response.Headers["X-More-Data"] = build.Building ? "true" : "false";
        http.Response.Headers.CacheControl = "no-store";
        return Results.Bytes(bytes, "text/plain; charset=utf-8");

        static (long, long, byte[]) Range(string file, long from, long to)
        {
            var bytes = LogFiles.ReadRange(file, from, to);
            return (from, from + bytes.Length, bytes);
        }
    }

    private static IResult SearchLog(ServerContext server, string job, int number, string? q, int? max)
    {
        if (server.Build(job, number) is null)
        {
            return NoSuchBuild(job, number);
        }

        var hits = LogFiles.Search(server.Paths.LogFile(job, number), q ?? string.Empty, Math.Clamp(max ?? 200, 1, 5000));
        return Results.Ok(hits.Select(h => new LogSearchHit(h.Offset, h.Line)));
    }

    /// <summary>The text one stage (and the stages nested in it) wrote, from the journal.</summary>
    private static IResult GetStageLog(ServerContext server, HttpContext http, string job, int number, string stageId)
    {
        if (server.Build(job, number) is not { } build)
        {
            return NoSuchBuild(job, number);
        }

        var stages = server.Store.GetStages(job, number);
        var included = new HashSet<string>(StringComparer.Ordinal) { stageId };
        bool added;
        do
        {
            added = false;
            foreach (var stage in stages)
            {
                if (stage.ParentId is not null && included.Contains(stage.ParentId) && included.Add(stage.StageId))
                {
                    added = true;
                }
            }
        }
        while (added);

        var text = new StringBuilder();
        long logEnd = 0;
        foreach (var dto in EventJournal.Read(server.Paths.JournalFile(job, number), server.Paths.LogFile(job, number), build.BuildId, 1))
        {
            if (dto is not LogDto log)
            {
                continue;
            }

            logEnd = log.Offset + log.Length;
            if (log.Segments.Count > 0 && log.Segments[0].StageId is { } id && included.Contains(id))
            {
                text.Append(log.Text);
            }
        }

        // Where in the whole log this answer ends: live text before it is already included.
        http.Response.Headers["X-Log-End"] = logEnd.ToString(CultureInfo.InvariantCulture);
        return Results.Text(text.ToString(), "text/plain; charset=utf-8", Encoding.UTF8);
    }

    /// <summary>The build's events from <c>from</c> (default 1), as the hub sends them (log chunks one by one), at most <c>max</c>.</summary>
    private static IResult GetEvents(ServerContext server, string job, int number, long? from, int? max)
    {
        if (server.Build(job, number) is not { } build)
        {
            return NoSuchBuild(job, number);
        }

        var events = EventJournal.Read(server.Paths.JournalFile(job, number), server.Paths.LogFile(job, number), build.BuildId, from ?? 1)
            .Take(Math.Clamp(max ?? 10_000, 1, 100_000))
            .Select(e => new BuildEventResponse(e.MethodName, e));
        return Results.Ok(events.ToList());
    }

    private static IResult Abort(ServerContext server, string job, int number) =>
        server.Queue.Abort(BuildIds.Format(job, number))
            ? Results.Accepted()
            : server.Store.GetBuild(job, number) is null ? NoSuchBuild(job, number) : Results.Conflict(new ErrorResponse($"{job} #{number} is not running."));

    private static async Task<IResult> AnswerInputAsync(ServerContext server, HttpRequest request, string job, int number, string inputId)
    {
        InputAnswerRequest? body;
        try
        {
            body = await request.ReadFromJsonAsync<InputAnswerRequest>(request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException exception)
        {
            return Results.BadRequest(new ErrorResponse("The body must be JSON like {\"proceed\":true,\"parameters\":{}}: " + exception.Message));
        }

        var answer = new InputAnswer(body?.Proceed ?? false, body?.Submitter, body?.Parameters ?? []);
        return server.Queue.AnswerInput(BuildIds.Format(job, number), inputId, answer)
            ? Results.Accepted()
            : Results.Conflict(new ErrorResponse($"{job} #{number} is not waiting for input '{inputId}'."));
    }

    /// <summary>A multibranch folder (scanned, not built) or a retired child (its branch is gone: history only).</summary>
    internal static IResult NotBuildable(JobDefinition job) => Results.Conflict(new ErrorResponse(
        job.IsMultibranch
            ? $"'{job.Name}' is a multibranch job: its branches are built; scan it with POST /job/{job.Name}/build."
            : $"'{job.Name}' is retired: its {Repositories.MultibranchScanner.Noun(job.Branch?.Kind ?? Runtime.Scm.GitRefKind.Branch)} '{job.Branch?.RefName}' {(job.Branch?.Change is { Closed: true } ? "was closed" : "no longer exists")}, so it keeps its history and builds no more."));

    internal static IResult NoSuchJob(string job) => Results.NotFound(new ErrorResponse($"No such job: '{job}'."));

    internal static IResult NoSuchBuild(string job, int number) => Results.NotFound(new ErrorResponse($"No such build: {job} #{number}."));

    private sealed record TriggerRequest(Dictionary<string, string>? Parameters, string? Cause);

    private sealed record InputAnswerRequest(bool Proceed, string? Submitter, Dictionary<string, string>? Parameters);
}
