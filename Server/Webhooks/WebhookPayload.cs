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

    /// <summary>
    /// A pull request event (GitHub, Gitea: <c>number</c>, <c>action</c>, <c>pull_request.{title, html_url, user,
    /// head, base}</c>) or a GitLab merge request event (<c>object_attributes.{iid, action, state, title, url,
    /// source_branch, target_branch}</c>, <c>user</c>). A fork is named by its owner (GitHub, Gitea) or its path (GitLab).
    /// </summary>
    public static GitChangeRequestEvent ChangeRequest(GitProvider provider, JsonElement root)
    {
        if (provider == GitProvider.GitLab)
        {
            var attributes = Object(root, "object_attributes") ?? throw new JsonException("the payload has no \"object_attributes\"");
            var iid = Number(attributes, "iid") ?? throw new JsonException("the payload has no \"object_attributes.iid\"");
            var action = String(attributes, "action") ?? string.Empty;
            var state = String(attributes, "state");
            var fromFork = Number(attributes, "source_project_id") is { } sourceProject && Number(attributes, "target_project_id") is { } targetProject && sourceProject != targetProject;
            return new GitChangeRequestEvent(provider.ToString(), RepositoryUrls(provider, root), action, action is "close" or "merge" || state is "closed" or "merged", new Jobs.ChangeRequest("MR-" + iid)
            {
                Target = String(attributes, "target_branch"),
                Branch = String(attributes, "source_branch"),
                Url = String(attributes, "url"),
                Title = String(attributes, "title"),
                Author = Path(root, "user", "username"),
                AuthorDisplayName = Path(root, "user", "name"),
                AuthorEmail = Path(root, "user", "email"),
                Fork = fromFork ? Path(attributes, "source", "path_with_namespace") : null,
            });
        }

        var pull = Object(root, "pull_request") ?? throw new JsonException("the payload has no \"pull_request\"");
        var number = Number(root, "number") ?? Number(pull, "number") ?? throw new JsonException("the payload has no pull request \"number\"");
        var headRepository = Path(pull, "head", "repo", "full_name");
        var fork = headRepository is not null && headRepository != Path(pull, "base", "repo", "full_name")
            ? Path(pull, "head", "repo", "owner", "login") ?? headRepository
            : null;
        var pullAction = String(root, "action") ?? string.Empty;
        return new GitChangeRequestEvent(provider.ToString(), RepositoryUrls(provider, root), pullAction, pullAction == "closed", new Jobs.ChangeRequest("PR-" + number)
        {
            Target = Path(pull, "base", "ref"),
            Branch = Path(pull, "head", "ref"),
            Url = String(pull, "html_url"),
            Title = String(pull, "title"),
            Author = Path(pull, "user", "login"),
            AuthorDisplayName = Path(pull, "user", "full_name") ?? Path(pull, "user", "name"),
            AuthorEmail = Path(pull, "user", "email"),
            Fork = fork,
        });
    }

    /// <summary>The string at a path of objects (<c>head.repo.full_name</c>), or null when any part is missing.</summary>
    private static string? Path(JsonElement element, params string[] names)
    {
        foreach (var name in names[..^1])
        {
            if (Object(element, name) is not { } inner)
            {
                return null;
            }

            element = inner;
        }

        return String(element, names[^1]);
    }

    private static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static long? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number > 0 ? number : null;

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
