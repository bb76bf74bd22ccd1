using System.Text;
using ContainerCd.Server.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContainerCd.Server.Api;

/// <summary>
/// Repository jobs defined through the REST API: <c>PUT /api/jobs/{job}</c> with the settings a config file's
/// repository job has (JSON or YAML) creates (<c>201</c>) or replaces (<c>200</c>) it, <c>DELETE /api/jobs/{job}</c>
/// removes it (its builds stay). Jobs of the config file or the jobs folder are changed there (<c>409</c>).
/// </summary>
internal static class JobDefinitionApi
{
    private const int MaxBodyBytes = 64 * 1024;

    public static void MapJobDefinitionApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/jobs/{job}", PutAsync);
        app.MapDelete("/api/jobs/{job}", DeleteAsync);
    }

    private static async Task<IResult> PutAsync(ServerContext server, MultibranchScanner scanner, HttpRequest request, string job)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return Results.BadRequest(new ErrorResponse("A job's settings are at most 64 KB."));
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var settings = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        try
        {
            var (definition, created) = server.Jobs.Define(job, settings);
            if (definition.IsMultibranch)
            {
                scanner.Watch(job);
            }

            var body = new JobDefinedResponse(job, JenkinsJobPaths.Url(job), "api", JobViews.Repository(definition));
            return created ? Results.Created($"/api/jobs/{job}", body) : Results.Ok(body);
        }
        catch (InvalidDataException e)
        {
            return Results.BadRequest(new ErrorResponse(e.Message));
        }
        catch (InvalidOperationException e)
        {
            return Results.Conflict(new ErrorResponse(e.Message));
        }
    }

    private static async Task<IResult> DeleteAsync(ServerContext server, MultibranchScanner scanner, string job, CancellationToken cancellationToken)
    {
        try
        {
            var multibranch = server.Jobs.Find(job) is { IsMultibranch: true };
            if (!server.Jobs.Undefine(job))
            {
                return RestApi.NoSuchJob(job);
            }

            // A job defined again under this name is new: it is scanned again.
            File.Delete(scanner.LogFile(job));
            if (multibranch)
            {
                // As Jenkins deletes a folder's items: the children's builds end, then their records and files go.
                var prefix = job + "/";
                await server.Queue.AbortAndWaitAsync(name => name.StartsWith(prefix, StringComparison.Ordinal), cancellationToken).ConfigureAwait(false);
                server.Store.DeleteChildBuilds(job);
                scanner.Forget(job);
                foreach (var folder in new[] { "builds", "artifacts", "reports", "workspace" })
                {
                    var path = Path.Combine(server.Paths.Home, folder, job);
                    if (Directory.Exists(path))
                    {
                        Directory.Delete(path, recursive: true);
                    }
                }
            }

            return Results.NoContent();
        }
        catch (InvalidOperationException e)
        {
            return Results.Conflict(new ErrorResponse(e.Message));
        }
    }
}
