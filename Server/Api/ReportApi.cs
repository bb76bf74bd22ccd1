using System.Globalization;
using ContainerCd.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerCd.Server.Api;

/// <summary>
/// HTML reports (publishHTML) where Jenkins' htmlpublisher serves them: <c>/job/J/N/URLNAME/PATH</c> for a build's
/// copy and <c>/job/J/URLNAME/PATH</c> for the newest build's, the report's folder opening on its first index page.
/// Served sandboxed, under the CSP Jenkins serves build files with, so a report's script never runs in the viewer's
/// origin. The routes match only reports that exist, so they never hide another page; the viewer lists a build's
/// reports from <c>/api/jobs/J/builds/N/reports</c>.
/// </summary>
internal static class ReportApi
{
    public static void MapReportApi(this IEndpointRouteBuilder app)
    {
        var methods = new HttpMethodMetadata(["GET", "HEAD"]);
        app.Map(RoutePatternFactory.Parse("/job/{job}/{build}/{report}/{**path}", null, new { report = new BuildReportExists() }), ServeBuildReport).WithMetadata(methods);
        app.Map(RoutePatternFactory.Parse("/job/{job}/{report}/{**path}", null, new { report = new JobReportExists() }), ServeJobReport).WithMetadata(methods);
        app.MapGet("/api/jobs/{job}/builds/{number:int}/reports", (ServerContext server, string job, int number) =>
            Results.Ok(PublishedReports.Of(server.Paths, job, number)
                .Select(report => new PublishedReportResponse(report.Name, report.UrlName, report.IndexFiles, $"{JenkinsJobPaths.Url(job)}{number}/{report.UrlName}/"))));
    }

    private static IResult ServeBuildReport(ServerContext server, HttpContext http, string job, string build, string report, string? path) =>
        server.Resolve(job, build) is { } record ? Serve(server, http, job, record.Number, report, path, $"/job/{job}/{build}/{report}/") : Results.NotFound();

    private static IResult ServeJobReport(ServerContext server, HttpContext http, string job, string report, string? path) =>
        PublishedReports.Newest(server.Paths, job, report) is { } number ? Serve(server, http, job, number, report, path, $"/job/{job}/{report}/") : Results.NotFound();

    private static IResult Serve(ServerContext server, HttpContext http, string job, int number, string urlName, string? path, string baseUrl)
    {
        var folder = server.Paths.Report(job, number, urlName);
        http.Response.Headers.ContentSecurityPolicy = ArtifactApi.ContentSecurityPolicy;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return folder.Find(path ?? string.Empty) switch
        {
            FileInfo file => Results.File(file.FullName, ArtifactApi.ContentType(file.Name), enableRangeProcessing: true, lastModified: file.LastWriteTimeUtc),
            DirectoryInfo when string.IsNullOrEmpty(path) && PublishedReports.Find(server.Paths, job, number, urlName) is { IndexFiles: [var index, ..] } =>
                Results.Redirect(baseUrl + string.Join('/', index.Split('/').Select(Uri.EscapeDataString))),
            _ => Results.NotFound(),
        };
    }

    /// <summary>Matches a report name only where the build (a number, or a permalink of a job that has the report) published it.</summary>
    private sealed class BuildReportExists : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
        {
            if (httpContext is null || values[routeKey] is not string report || values["job"] is not string job || values["build"] is not string build || !IsName(report) || !IsName(job))
            {
                return false;
            }

            var paths = httpContext.RequestServices.GetRequiredService<BuildPaths>();
            return int.TryParse(build, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? Directory.Exists(Path.Combine(paths.ReportsFolder(job), build, report)) && number > 0
                : build.StartsWith("last", StringComparison.Ordinal) && PublishedReports.Newest(paths, job, report) is not null;
        }
    }

    /// <summary>Matches a report name only where a build of the job published it.</summary>
    private sealed class JobReportExists : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            httpContext is not null && values[routeKey] is string report && values["job"] is string job && IsName(report) && IsName(job)
            && PublishedReports.Newest(httpContext.RequestServices.GetRequiredService<BuildPaths>(), job, report) is not null;
    }

    /// <summary>A report's URL name (htmlpublisher's sanitized name) or a job's: no separator, no dot segment.</summary>
    private static bool IsName(string name) =>
        name.Length > 0 && name is not ("." or "..") && name.IndexOfAny(['/', '\\', '\0']) < 0;
}

/// <summary>A report a build published (publishHTML) in <c>GET /api/jobs/J/builds/N/reports</c>: its index pages and where it is served.</summary>
internal sealed record PublishedReportResponse(string Name, string UrlName, IReadOnlyList<string> IndexFiles, string Url);
