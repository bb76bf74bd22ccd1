using Microsoft.AspNetCore.Http;

namespace ContainerCd.Server.Webhooks;

/// <summary>Who sent a webhook, told by its event header; Gitea and Forgejo also send GitHub's headers, so theirs are looked at first.</summary>
internal enum GitProvider
{
    GitHub,
    Gitea,
    GitLab,
}

/// <summary>A webhook's provider and event (<c>push</c>, <c>ping</c>, <c>Tag Push Hook</c>...), from its headers.</summary>
internal sealed record WebhookEvent(GitProvider Provider, string Name)
{
    public static WebhookEvent? From(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (Header(headers, "X-Gitlab-Event") is { } gitlab)
        {
            return new WebhookEvent(GitProvider.GitLab, gitlab);
        }

        if ((Header(headers, "X-Forgejo-Event") ?? Header(headers, "X-Gitea-Event")) is { } gitea)
        {
            return new WebhookEvent(GitProvider.Gitea, gitea);
        }

        return Header(headers, "X-GitHub-Event") is { } github ? new WebhookEvent(GitProvider.GitHub, github) : null;
    }

    /// <summary>A push of a branch or a tag: the events that start builds.</summary>
    public bool IsPush => Provider == GitProvider.GitLab ? Name is "Push Hook" or "Tag Push Hook" : Name == "push";

    /// <summary>A pull request (GitHub, Gitea/Forgejo) or merge request (GitLab) was opened, updated, closed...</summary>
    public bool IsChangeRequest => Provider == GitProvider.GitLab ? Name == "Merge Request Hook" : Name == "pull_request";

    /// <summary>GitHub's (and Gitea's) hello when a webhook is created.</summary>
    public bool IsPing => Provider != GitProvider.GitLab && Name == "ping";

    private static string? Header(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString()) ? value.ToString().Trim() : null;
}
