using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ContainerCd.Runtime.Scm;

/// <summary>
/// The refs forges publish for change requests, and the names Jenkins' branch sources give them: GitHub's and
/// Gitea/Forgejo's pull requests (<c>refs/pull/1/head</c>, the child <c>PR-1</c>) and GitLab's merge requests
/// (<c>refs/merge-requests/2/head</c>, the child <c>MR-2</c>, as the GitLab branch source names it).
/// </summary>
public static partial class GitChangeRequests
{
    /// <summary>What a mirror fetches besides branches and tags when change requests are discovered.</summary>
    public static readonly ImmutableArray<string> RefSpecs = ["+refs/pull/*/head:refs/pull/*/head", "+refs/merge-requests/*/head:refs/merge-requests/*/head"];

    /// <summary>The child's name of a change request ref (<c>PR-1</c>, <c>MR-2</c>), or null for any other ref.</summary>
    public static string? NameOf(string canonicalName)
    {
        ArgumentNullException.ThrowIfNull(canonicalName);
        var match = ChangeRef().Match(canonicalName);
        return !match.Success ? null : (match.Groups["kind"].Value == "pull" ? "PR-" : "MR-") + match.Groups["id"].Value;
    }

    /// <summary>The ref of a change request's child name (<c>PR-1</c> → <c>refs/pull/1/head</c>), or null when the name is none.</summary>
    public static string? RefOf(string name) => ChangeName().Match(name) is { Success: true } match
        ? (match.Groups["kind"].Value == "PR" ? "refs/pull/" : "refs/merge-requests/") + match.Groups["id"].Value + "/head"
        : null;

    /// <summary>The number of a change request (<c>PR-12</c> → <c>12</c>), Jenkins' <c>CHANGE_ID</c>.</summary>
    public static string IdOf(string name) => ChangeName().Match(name) is { Success: true } match
        ? int.Parse(match.Groups["id"].Value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
        : throw new ArgumentException($"'{name}' names no change request", nameof(name));

    /// <summary>Whether the name is a GitLab merge request's (<c>MR-2</c>) rather than a pull request's.</summary>
    public static bool IsMergeRequest(string name) => name.StartsWith("MR-", StringComparison.Ordinal);

    [GeneratedRegex("^refs/(?<kind>pull|merge-requests)/(?<id>[0-9]+)/head$")]
    private static partial Regex ChangeRef();

    [GeneratedRegex("^(?<kind>PR|MR)-(?<id>[0-9]+)$")]
    private static partial Regex ChangeName();
}
