using ContainerCd.Server.Jobs;
using ContainerCd.Server.Repositories;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContainerCd.Server.Api;

/// <summary>
/// Multibranch jobs as Jenkins serves them: the job's <c>api/json</c> (a WorkflowMultiBranchProject listing its
/// children in <c>jobs[]</c>), <c>POST /job/NAME/build</c> ("Scan Multibranch Pipeline Now") and the last scan's log,
/// <c>/job/NAME/indexing/consoleText</c>.
/// </summary>
internal static class JenkinsMultibranchApi
{
    public static void MapJenkinsMultibranchApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/job/{job}/indexing/consoleText", IndexingLog);

    /// <summary>Starts a scan (it runs on after the answer); the answer points at its log.</summary>
    public static IResult Scan(JobDefinition job, MultibranchScanner scanner, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(scanner);
        _ = scanner.ScanAsync(job, RequestIdentity.CauseOf(request, request.Query.ContainsKey("token"), null).ShortDescription);
        return Results.Created(JenkinsJobPaths.Url(job.Name) + "indexing/", null);
    }

    public static Dictionary<string, object?> Folder(ServerContext server, JobDefinition job)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(job);
        var children = server.Jobs.Children(job).Select(child =>
        {
            var builds = server.Store.ListBuilds(child.Name, 1);
            return new Dictionary<string, object?>
            {
                ["_class"] = "org.jenkinsci.plugins.workflow.job.WorkflowJob",
                ["name"] = child.Name[(job.Name.Length + 1)..],
                ["fullName"] = child.Name,
                ["url"] = JenkinsJobPaths.Url(child.Name),
                ["buildable"] = child.Buildable,
                ["color"] = child.Buildable ? JenkinsJobColors.Of(builds.Count > 0 ? builds[0] : null) : "disabled",
            };
        }).ToList();
        return new Dictionary<string, object?>
        {
            ["_class"] = "org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject",
            ["name"] = job.Name,
            ["fullName"] = job.Name,
            ["displayName"] = job.Name,
            ["url"] = JenkinsJobPaths.Url(job.Name),
            ["buildable"] = false,
            ["jobs"] = children,
        };
    }

    /// <summary>
    /// The metadata actions branch sources give a multibranch child (scm-api): the primary branch's
    /// PrimaryInstanceMetadataAction; a change request's ObjectMetadataAction (its title and URL) and, when its
    /// author is known, ContributorMetadataAction. None for a job that is no child.
    /// </summary>
    public static List<Dictionary<string, object?>> ChildActions(BranchHead? head)
    {
        var actions = new List<Dictionary<string, object?>>();
        if (head is { Primary: true })
        {
            actions.Add(new() { ["_class"] = "jenkins.scm.api.metadata.PrimaryInstanceMetadataAction" });
        }

        if (head?.Change is { } change)
        {
            actions.Add(new()
            {
                ["_class"] = "jenkins.scm.api.metadata.ObjectMetadataAction",
                ["objectDescription"] = null,
                ["objectDisplayName"] = change.Title,
                ["objectUrl"] = change.Url,
            });
            if (change.Author is not null)
            {
                actions.Add(new()
                {
                    ["_class"] = "jenkins.scm.api.metadata.ContributorMetadataAction",
                    ["contributor"] = change.Author,
                    ["contributorDisplayName"] = change.AuthorDisplayName,
                    ["contributorEmail"] = change.AuthorEmail,
                });
            }
        }

        return actions;
    }

    private static IResult IndexingLog(ServerContext server, MultibranchScanner scanner, string job)
    {
        if (server.Jobs.Find(job) is not { IsMultibranch: true })
        {
            return RestApi.NoSuchJob(job);
        }

        var file = scanner.LogFile(job);
        return File.Exists(file)
            ? Results.Text(File.ReadAllText(file), "text/plain; charset=utf-8")
            : Results.Text("This job has not been scanned yet.\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
    }
}
