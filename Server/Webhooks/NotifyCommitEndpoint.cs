using System.Text.RegularExpressions;
using ContainerCd.Server.Triggers;
using Microsoft.AspNetCore.Http;

namespace ContainerCd.Server.Webhooks;

/// <summary>
/// The git plugin's <c>GET|POST /git/notifyCommit?url=URL[&amp;branches=a,b][&amp;sha1=SHA][&amp;token=T]</c>, which
/// existing post-receive hooks call. Every multibranch job on that repository (matched loosely) is scanned
/// (<c>Scheduled indexing of JOB</c>). For every other job on it with a <c>pollSCM</c>
/// trigger that does not ignore post-commit hooks, and a branch among those notified: without <c>sha1</c>, a poll
/// (a build only if the branch moved; <c>Scheduled polling of JOB</c>); with <c>sha1</c>, a build of that commit
/// (<c>Scheduled JOB</c>), which needs <c>token</c> = the job's webhook secret (the plugin's
/// "disabled-for-polling" access control). Answers as the plugin does: text lines, a <c>Triggered</c> header per job.
/// </summary>
internal static partial class NotifyCommitEndpoint
{
    public static IResult Handle(HttpContext http, IRepositoryJobs repositories, TriggerScheduler scheduler)
    {
        var query = http.Request.Query;
        var url = query["url"].ToString();
        if (string.IsNullOrWhiteSpace(url))
        {
            return WebhookEndpoint.Text(StatusCodes.Status400BadRequest, "Required parameter url is missing");
        }

        var sha1 = query["sha1"].ToString().Trim();
        if (sha1.Length > 0 && !Sha1().IsMatch(sha1))
        {
            return WebhookEndpoint.Text(StatusCodes.Status400BadRequest, "Illegal SHA1");
        }

        if (GitUrls.Parse(url) is null)
        {
            return WebhookEndpoint.Text(StatusCodes.Status400BadRequest, "Illegal URL: " + url);
        }

        var branches = query["branches"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var all = repositories.All();
        if (all.Count == 0)
        {
            return WebhookEndpoint.Text(StatusCodes.Status200OK, "No git jobs found");
        }

        var jobs = all.Where(job => GitUrls.LooselyMatch(url, job.RepositoryUrl) && (job.Multibranch || scheduler.PollsOnHooks(job.Name))
            && (branches.Length == 0 || job.Branches.IsEmpty || branches.Any(b => job.Branches.Any(spec => BranchSpecs.Match(spec, b))))).ToList();
        if (sha1.Length > 0)
        {
            var token = query["token"].ToString();
            if (token.Length == 0)
            {
                return WebhookEndpoint.Text(StatusCodes.Status401Unauthorized,
                    "An access token is required when using the sha1 parameter: token=, the webhook secret of the job.");
            }

            jobs = [.. jobs.Where(job => job.WebhookSecret is { } secret && secret.Is(token))];
            if (jobs.Count == 0 && all.Any(job => GitUrls.LooselyMatch(url, job.RepositoryUrl)))
            {
                return WebhookEndpoint.Text(StatusCodes.Status403Forbidden, "Invalid access token");
            }
        }

        if (jobs.Count == 0)
        {
            return WebhookEndpoint.Text(StatusCodes.Status200OK, $"No git jobs using repository: {url} and branches: {string.Join(',', branches)}");
        }

        var lines = new List<string>();
        var root = $"{http.Request.Scheme}://{http.Request.Host}/";
        foreach (var job in jobs)
        {
            if (job.Multibranch)
            {
                // As the git plugin fires an SCM event for a multibranch project: it is indexed, whatever sha1 says.
                repositories.Index(job);
                lines.Add("Scheduled indexing of " + job.Name);
            }
            else if (sha1.Length > 0)
            {
                if (!repositories.BuildCommit(job, sha1))
                {
                    continue;
                }

                lines.Add("Scheduled " + job.Name);
            }
            else
            {
                _ = scheduler.PollAsync(job.Name);
                lines.Add("Scheduled polling of " + job.Name);
            }

            http.Response.Headers.Append("Triggered", root + "job/" + Uri.EscapeDataString(job.Name) + "/");
        }

        return WebhookEndpoint.Text(StatusCodes.Status200OK, string.Join('\n', lines));
    }

    [GeneratedRegex("^[a-fA-F0-9]+$")]
    private static partial Regex Sha1();
}
