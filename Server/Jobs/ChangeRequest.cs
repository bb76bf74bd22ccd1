using System.Collections.Immutable;
using ContainerCd.Runtime.Scm;

namespace ContainerCd.Server.Jobs;

/// <summary>
/// A change request of a multibranch job (a pull request <c>PR-N</c>, a GitLab merge request <c>MR-N</c>) as far
/// as it is known: a pull_request / Merge Request webhook gives its target branch, source branch, URL, title,
/// author and fork; without one only its number is known. <see cref="Closed"/>: the forge said it was closed or
/// merged (its ref stays on GitHub, so only the event tells), and its child is retired.
/// </summary>
internal sealed record ChangeRequest(string Name)
{
    public string? Target { get; init; }

    public string? Branch { get; init; }

    public string? Url { get; init; }

    public string? Title { get; init; }

    public string? Author { get; init; }

    public string? AuthorDisplayName { get; init; }

    public string? AuthorEmail { get; init; }

    /// <summary>The fork the change comes from (Jenkins' <c>CHANGE_FORK</c>), null when it comes from the repository itself.</summary>
    public string? Fork { get; init; }

    public bool Closed { get; init; }

    /// <summary>
    /// The variables Jenkins' branch API sets for a change request build: <c>CHANGE_ID</c>, <c>CHANGE_TARGET</c>
    /// (the event's, else the repository's primary branch) and the others only where known, never invented.
    /// </summary>
    public ImmutableDictionary<string, string> Variables(string? primaryBranch)
    {
        var variables = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        variables["CHANGE_ID"] = GitChangeRequests.IdOf(Name);
        void Set(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                variables[name] = value;
            }
        }

        Set("CHANGE_TARGET", Target ?? primaryBranch);
        Set("CHANGE_BRANCH", Branch);
        Set("CHANGE_URL", Url);
        Set("CHANGE_TITLE", Title);
        Set("CHANGE_AUTHOR", Author);
        Set("CHANGE_AUTHOR_DISPLAY_NAME", AuthorDisplayName);
        Set("CHANGE_AUTHOR_EMAIL", AuthorEmail);
        Set("CHANGE_FORK", Fork);
        return variables.ToImmutable();
    }
}
