using System.Collections.Immutable;
using System.Text.Json;

namespace ContainerCd.Server.Webhooks;

/// <summary>
/// Reads push payloads into <see cref="GitPush"/>: GitHub and Gitea/Forgejo (<c>repository.clone_url</c>,
/// <c>ssh_url</c>, <c>html_url</c>; <c>pusher</c>; <c>commits[].added/modified/removed</c>) and GitLab
/// (<c>project.git_http_url</c>, <c>git_ssh_url</c>, <c>web_url</c>; <c>user_username</c>). A payload that is not
/// such JSON throws <see cref="JsonException"/>.
/// </summary>
internal static class WebhookPayload
{
    /// <summary>The URLs the payload gives for its repository (any of them may be what a job is configured with).</summary>
    public static ImmutableArray<string> RepositoryUrls(GitProvider provider, JsonElement root)
    {
        var urls = new List<string?>();
        if (provider == GitProvider.GitLab)
        {
            urls.AddRange(Strings(root, "project", "git_http_url", "git_ssh_url", "web_url", "http_url", "ssh_url"));
            urls.AddRange(Strings(root, "repository", "git_http_url", "git_ssh_url", "homepage", "url"));
        }
        else
        {
            urls.AddRange(Strings(root, "repository", "clone_url", "ssh_url", "html_url", "git_url", "url"));
        }

        return [.. urls.OfType<string>().Where(u => u.Length > 0).Distinct(StringComparer.Ordinal)];
    }

    public static GitPush Push(GitProvider provider, JsonElement root)
    {
        var reference = String(root, "ref") ?? throw new JsonException("the payload has no \"ref\"");
        var pusher = provider switch
        {
            GitProvider.GitLab => String(root, "user_username") ?? String(root, "user_name"),
            GitProvider.Gitea => Strings(root, "pusher", "login", "username", "name").FirstOrDefault(p => p is not null),
            _ => Strings(root, "pusher", "name").FirstOrDefault(),
        };
        var commits = root.TryGetProperty("commits", out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(Commit)]
            : ImmutableArray<GitPushCommit>.Empty;
        return new GitPush(provider.ToString(), RepositoryUrls(provider, root), reference, String(root, "before") ?? string.Empty,
            String(root, "after") ?? string.Empty, pusher, commits);
    }

    private static GitPushCommit Commit(JsonElement commit) => new(
        String(commit, "id") ?? string.Empty,
        String(commit, "message") ?? string.Empty,
        Strings(commit, "author", "name").FirstOrDefault(),
        Paths(commit, "added"),
        Paths(commit, "modified"),
        Paths(commit, "removed"));

    private static ImmutableArray<string> Paths(JsonElement commit, string name) =>
        commit.TryGetProperty(name, out var paths) && paths.ValueKind == JsonValueKind.Array
            ? [.. paths.EnumerateArray().Where(p => p.ValueKind == JsonValueKind.String).Select(p => p.GetString()!)]
            : [];

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string?> Strings(JsonElement element, string objectName, params string[] names) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(objectName, out var inner) && inner.ValueKind == JsonValueKind.Object
            ? names.Select(n => String(inner, n))
            : [];
}
