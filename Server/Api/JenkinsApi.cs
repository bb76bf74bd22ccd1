using System.Collections.Concurrent;
using System.Globalization;
using ContainerCd.Server.Repositories;
using ContainerCd.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace ContainerCd.Server.Api;

/// <summary>
/// The Jenkins endpoints existing tools call: trigger (<c>build</c>, <c>buildWithParameters</c>), job and
/// build <c>api/json</c>, <c>consoleText</c>, <c>logText/progressiveText</c>, <c>wfapi/describe</c>,
/// <c>stop</c>, queue items and <c>/pipeline-model-converter/validate</c>. See docs/api.md.
/// </summary>
internal static class JenkinsApi
{
    private static readonly ConcurrentDictionary<long, string> QueueItems = new();
    private static long _nextQueueItem;

    public static void MapJenkinsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/job/{job}/build", TriggerAsync);
        app.MapPost("/job/{job}/buildWithParameters", TriggerAsync);
        app.MapGet("/job/{job}/api/json", GetJob);
        app.MapGet("/job/{job}/{build}/api/json", GetBuild);
        app.MapGet("/job/{job}/{build}/consoleText", ConsoleText);
        app.MapGet("/job/{job}/{build}/logText/progressiveText", ProgressiveText);
        app.MapGet("/job/{job}/{build}/wfapi/describe", Describe);
        app.MapPost("/job/{job}/{build}/stop", Stop);
        app.MapGet("/queue/item/{id:long}/api/json", QueueItem);
        app.MapPost("/pipeline-model-converter/validate", ValidateAsync);
    }

    private static async Task<IResult> TriggerAsync(ServerContext server, MultibranchScanner scanner, HttpRequest request, string job)
    {
        if (server.Jobs.Find(job) is not { } definition)
        {
            return RestApi.NoSuchJob(job);
        }

        if (definition.IsMultibranch)
        {
            return JenkinsMultibranchApi.Scan(definition, scanner, request);
        }

        if (!definition.Buildable)
        {
            return RestApi.NotBuildable(definition);
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Query)
        {
            if (name is not ("token" or "delay" or "cause"))
            {
                parameters[name] = value.ToString();
            }
        }

        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
            foreach (var (name, value) in form)
            {
                if (name is not ("json" or "Submit" or "token"))
                {
                    parameters[name] = value.ToString();
                }
            }
        }

        var build = server.Queue.Trigger(definition, parameters, RequestIdentity.CauseOf(request, request.Query.ContainsKey("token"), request.Query["cause"].ToString()));
        var id = Interlocked.Increment(ref _nextQueueItem);
        QueueItems[id] = build.BuildId;
        return Results.Created($"/queue/item/{id}/", null);
    }

    private static IResult QueueItem(ServerContext server, long id)
    {
        if (!QueueItems.TryGetValue(id, out var buildId) || !BuildIds.TryParse(buildId, out var job, out var number))
        {
            return Results.NotFound();
        }

        return Results.Ok(new JenkinsQueueItemResponse(id, new QueueTaskView(job, JenkinsJobPaths.Url(job)), new JenkinsBuildRef(number, $"{JenkinsJobPaths.Url(job)}{number}/")));
    }

    private static IResult GetJob(ServerContext server, string job)
    {
        if (server.Jobs.Find(job) is not { } definition)
        {
            return RestApi.NoSuchJob(job);
        }

        if (definition.IsMultibranch)
        {
            return Results.Ok(JenkinsMultibranchApi.Folder(server, definition));
        }

        var builds = server.Store.ListBuilds(job, 100);
        JenkinsBuildRef? Ref(BuildRecord? b) => b is null ? null : new JenkinsBuildRef(b.Number, $"{JenkinsJobPaths.Url(job)}{b.Number}/");
        var last = builds.Count > 0 ? builds[0] : null;
        return Results.Ok(new JenkinsJobResponse(
            job[(job.LastIndexOf('/') + 1)..],
            job,
            Uri.UnescapeDataString(job[(job.LastIndexOf('/') + 1)..]),
            JenkinsJobPaths.Url(job),
            definition.Buildable,
            JenkinsMultibranchApi.ChildActions(definition.Branch),
            JenkinsJobColors.Of(last),
            builds.Any(b => b.Status == BuildStatuses.Queued),
            [.. builds.Select(b => Ref(b)!)],
            Ref(builds.Count > 0 ? builds[^1] : null),
            Ref(last),
            Ref(builds.FirstOrDefault(b => !b.Building)),
            Ref(builds.FirstOrDefault(b => b.Result == "SUCCESS")),
            Ref(builds.FirstOrDefault(b => b.Result == "FAILURE")),
            Ref(builds.FirstOrDefault(b => !b.Building && b.Result != "SUCCESS")),
            (last?.Number ?? 0) + 1));
    }

    private static IResult GetBuild(ServerContext server, string job, string build)
    {
        if (server.Resolve(job, build) is not { } b)
        {
            return Results.NotFound();
        }

        var now = server.Time.GetUtcNow();
        var started = b.StartedAt ?? b.QueuedAt;
        return Results.Ok(new JenkinsBuildResponse(
            b.Number,
            b.Number.ToString(CultureInfo.InvariantCulture),
            $"{JenkinsJobPaths.Url(job)}{b.Number}/",
            b.DisplayName ?? $"#{b.Number}",
            $"{job} #{b.Number}",
            b.Description,
            b.Building,
            b.Building ? null : b.Result,
            b.Building,
            started.ToUnixTimeMilliseconds(),
            b.Building ? 0 : b.DurationMillis ?? 0,
            b.Building ? (long)(now - started).TotalMilliseconds : b.DurationMillis ?? 0,
            ArtifactApi.Listed(server, b),
            [.. new object?[]
            {
                new Dictionary<string, object?>
                {
                    ["_class"] = "hudson.model.CauseAction",
                    ["causes"] = new[] { new Dictionary<string, object?>(b.Cause.Exported()) },
                },
                new Dictionary<string, object?>
                {
                    ["_class"] = "hudson.model.ParametersAction",
                    ["parameters"] = b.Parameters.Select(p => new Dictionary<string, object?>
                    {
                        ["_class"] = "hudson.model.StringParameterValue",
                        ["name"] = p.Key,
                        ["value"] = p.Value,
                    }).ToList(),
                },
                TestReportApi.Action(server, b.Job, b.Number),
            }.Concat(JenkinsCoverageApi.Actions(server.Store, b.Job, b.Number)).Concat(JenkinsScmViews.BuildData(server.Store.GetRevisions(b.Job, b.Number))).OfType<object>()],
            JenkinsScmViews.ChangeSets(server.Store.GetChanges(b.Job, b.Number))));
    }

    /// <summary>The log as it is now: a running build's log keeps growing, the answer stops at the length it had when asked.</summary>
    private static IResult ConsoleText(ServerContext server, HttpContext http, string job, string build)
    {
        if (server.Resolve(job, build) is not { } b)
        {
            return Results.NotFound();
        }

        var file = server.Paths.LogFile(job, b.Number);
        var length = LogFiles.Size(file);
        http.Response.ContentLength = length;
        return Results.Stream(body => LogFiles.CopyPrefixAsync(file, length, body, http.RequestAborted), "text/plain; charset=utf-8");
    }

    /// <summary>The log from byte <c>start</c> to its current end; <c>X-Text-Size</c> is where to start next, <c>X-More-Data: true</c> while the build runs.</summary>
    private static IResult ProgressiveText(ServerContext server, HttpContext http, string job, string build, long? start)
    {
        if (server.Resolve(job, build) is not { } b)
        {
            return Results.NotFound();
        }

        var file = server.Paths.LogFile(job, b.Number);
        var size = LogFiles.Size(file);
        var from = Math.Clamp(start ?? 0, 0, size);
        var bytes = LogFiles.ReadRange(file, from, size);
        http.Response.Headers["X-Text-Size"] = (from + bytes.Length).ToString(CultureInfo.InvariantCulture);
        if (b.Building)
        {
            http.Response.Headers["X-More-Data"] = "true";
        }

        return Results.Bytes(bytes, "text/plain; charset=utf-8");
    }

    /// <summary>The Pipeline Stage View's JSON of one run: its status and timings, and its stages (parallel branches flattened out).</summary>
    private static IResult Describe(ServerContext server, string job, string build) =>
        server.Resolve(job, build) is { } b && server.Store.GetStageView(job, 1, b.Number + 1) is [{ } row] && row.Build.Number == b.Number
            ? Results.Ok(WfapiViews.Run(row, server.Time.GetUtcNow()))
            : Results.NotFound();

    private static IResult Stop(ServerContext server, string job, string build) =>
        server.Resolve(job, build) is { } b && server.Queue.Abort(b.BuildId) ? Results.Ok() : Results.NotFound();

    /// <summary>
    /// The form's size is bounded as Jenkins' (Jetty's form limit), and the validation's time by a deadline:
    /// one request cannot tie up a core.
    /// </summary>
    private static async Task<IResult> ValidateAsync(ServerContext server, HttpRequest request)
    {
        if (request.ContentLength > JenkinsValidation.MaxRequestBytes)
        {
            return ValidationRefused(StatusCodes.Status413PayloadTooLarge, JenkinsValidation.TooLarge(request.ContentLength));
        }

        if (!request.HasFormContentType)
        {
            return Results.Text("Errors encountered validating Jenkinsfile:\nNo content found for 'jenkinsfile' parameter.\n", "text/plain; charset=utf-8");
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            // A body without a Content-Length (chunked) is cut off here.
            bodySize.MaxRequestBodySize = JenkinsValidation.MaxRequestBytes;
        }

        IFormCollection form;
        try
        {
            var limits = new FormOptions { ValueLengthLimit = JenkinsValidation.MaxRequestBytes, MultipartBodyLengthLimit = JenkinsValidation.MaxRequestBytes };
            form = await request.ReadFormAsync(limits, request.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return ValidationRefused(StatusCodes.Status413PayloadTooLarge, JenkinsValidation.TooLarge(null));
        }

        var jenkinsfile = form["jenkinsfile"].ToString();
        if (string.IsNullOrEmpty(jenkinsfile))
        {
            return Results.Text("Errors encountered validating Jenkinsfile:\nNo content found for 'jenkinsfile' parameter.\n", "text/plain; charset=utf-8");
        }

        using var deadline = new CancellationTokenSource(JenkinsValidation.Deadline, server.Time);
        using var canceled = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, request.HttpContext.RequestAborted);
        try
        {
            return Results.Text(JenkinsValidation.Validate(jenkinsfile, canceled.Token), "text/plain; charset=utf-8");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return ValidationRefused(StatusCodes.Status400BadRequest, JenkinsValidation.TooSlow);
        }
    }

    private static IResult ValidationRefused(int status, string text) => Results.Text(text, "text/plain; charset=utf-8", statusCode: status);
}
