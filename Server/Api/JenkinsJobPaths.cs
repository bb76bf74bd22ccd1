using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;

namespace ContainerCd.Server.Api;

/// <summary>
/// Jenkins addresses a job in a folder (a multibranch job's child) as <c>/job/app-all/job/feature%252Fx/...</c>: the
/// child's name (<c>feature%2Fx</c>, the branch URL-encoded once) URL-encoded again. Before routing, such a path is
/// rewritten to the one-segment form every <c>/job/{job}/...</c> endpoint has, and after routing the endpoint's
/// <c>job</c> is set to the child's full name, <c>app-all/feature%2Fx</c>. <see cref="Url"/> makes the address back.
/// </summary>
internal static partial class JenkinsJobPaths
{
    private const string FullNameKey = "containercd.job.fullName";
    private const string Placeholder = "~child~";

    /// <summary>A job's address: <c>/job/app/</c>, <c>/job/app-all/job/feature%252Fx/</c>.</summary>
    public static string Url(string fullName)
    {
        ArgumentNullException.ThrowIfNull(fullName);
        return "/job/" + string.Join("/job/", fullName.Split('/').Select(Uri.EscapeDataString)) + "/";
    }

    /// <summary>Rewrites folder paths before routing (<paramref name="app"/> must route after this).</summary>
    public static void UseFolderPaths(this IApplicationBuilder app)
    {
        app.Use((context, next) =>
        {
            // Kestrel has decoded the path once (but for %2F): feature%252Fx arrives as feature%2Fx, the child's name.
            if (context.Request.Path.Value is { } path && ChildPath().Match(path) is { Success: true } match)
            {
                context.Items[FullNameKey] = match.Groups["parent"].Value + "/" + match.Groups["child"].Value;
                context.Request.Path = "/job/" + Placeholder + match.Groups["rest"].Value;
            }

            return next(context);
        });
    }

    /// <summary>
    /// Gives the routed endpoint the child's full name as its <c>job</c> (after routing). The REST API takes a child
    /// as one segment, its full name URL-encoded (<c>/api/jobs/app-all%2Ffeature%252Fx</c>), which arrives as
    /// <c>app-all%2Ffeature%2Fx</c>: the first <c>%2F</c> is the separator (a parent's name has no <c>%</c>).
    /// </summary>
    public static void UseFolderJobNames(this IApplicationBuilder app)
    {
        app.Use((context, next) =>
        {
            if (context.Items.TryGetValue(FullNameKey, out var fullName) && context.Request.RouteValues.ContainsKey("job"))
            {
                context.Request.RouteValues["job"] = fullName;
            }
            else if (context.Request.RouteValues.TryGetValue("job", out var value) && value is string job && !job.Contains('/', StringComparison.Ordinal)
                && job.IndexOf("%2F", StringComparison.OrdinalIgnoreCase) is > 0 and var separator)
            {
                context.Request.RouteValues["job"] = job[..separator] + "/" + job[(separator + 3)..];
            }

            return next(context);
        });
    }

    [GeneratedRegex("^/job/(?<parent>[^/]+)/job/(?<child>[^/]+)(?<rest>/.*)?$")]
    private static partial Regex ChildPath();
}
