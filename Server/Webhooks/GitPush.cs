using System.Collections.Immutable;

namespace ContainerCd.Server.Webhooks;

/// <summary>
/// A push as GitHub, Gitea/Forgejo and GitLab describe it, in one shape: the repository's URLs (clone, ssh, web),
/// the ref (<c>refs/heads/main</c>, <c>refs/tags/v1</c>), the commits before and after (all zeros: created or
/// deleted), who pushed, and the pushed commits with the files each added, modified and removed.
/// </summary>
internal sealed record GitPush(
    string Provider,
    ImmutableArray<string> RepositoryUrls,
    string Ref,
    string Before,
    string After,
    string? Pusher,
    ImmutableArray<GitPushCommit> Commits)
{
    private const string Heads = "refs/heads/";
    private const string Tags = "refs/tags/";

    /// <summary>The branch pushed, or null for a tag.</summary>
    public string? Branch => Ref.StartsWith(Heads, StringComparison.Ordinal) ? Ref[Heads.Length..] : null;

    /// <summary>The tag pushed, or null for a branch.</summary>
    public string? Tag => Ref.StartsWith(Tags, StringComparison.Ordinal) ? Ref[Tags.Length..] : null;

    /// <summary>The ref was deleted (its new commit is all zeros).</summary>
    public bool Deleted => After.Length > 0 && After.All(c => c == '0');

    /// <summary>Every file the pushed commits touched.</summary>
    public IEnumerable<string> Files => Commits.SelectMany(c => c.Added.Concat(c.Modified).Concat(c.Removed)).Distinct(StringComparer.Ordinal);
}

/// <summary>One pushed commit: its id, message, author and the paths it added, modified and removed.</summary>
internal sealed record GitPushCommit(string Id, string Message, string? Author, ImmutableArray<string> Added, ImmutableArray<string> Modified, ImmutableArray<string> Removed);
