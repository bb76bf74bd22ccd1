using System.Text.RegularExpressions;

namespace ContainerCd.Server.Webhooks;

/// <summary>
/// Whether two repository URLs name the same repository, matched loosely as the git plugin's GitStatus does
/// (better a spare poll than a missed push): the scheme, user and port do not count; hosts compare without case
/// and without a leading <c>ssh.</c>; paths without leading and trailing slashes, a <c>.git</c> suffix, a leading
/// <c>v3/</c> or a <c>/_git/</c> segment. <c>git@host:org/repo.git</c> is <c>ssh://git@host/org/repo.git</c>, and a
/// local path is its <c>file://</c> URL.
/// </summary>
internal static partial class GitUrls
{
    public static bool LooselyMatch(string left, string right) =>
        Parse(left) is { } a && Parse(right) is { } b && a.Host == b.Host && a.Path == b.Path;

    /// <summary>The host (lower case, without <c>ssh.</c>; empty for local repositories) and normalised path of a URL, or null when it is not one.</summary>
    public static (string Host, string Path)? Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        url = url.Trim();
        if (url.Length == 0)
        {
            return null;
        }

        string host;
        string path;
        if (SchemeUrl().Match(url) is { Success: true } withScheme)
        {
            host = withScheme.Groups["host"].Value;
            path = withScheme.Groups["path"].Value;
        }
        else if (ScpLike().Match(url) is { Success: true } scp)
        {
            host = scp.Groups["host"].Value;
            path = scp.Groups["path"].Value;
        }
        else if (!url.Contains("://", StringComparison.Ordinal))
        {
            host = string.Empty;
            path = url;
        }
        else
        {
            return null;
        }

        host = host.ToLowerInvariant();
        if (host.StartsWith("ssh.", StringComparison.Ordinal))
        {
            host = host[4..];
        }

        return (host, NormalizePath(Uri.UnescapeDataString(path)));
    }

    private static string NormalizePath(string path)
    {
        path = path.Trim('/');
        if (path.EndsWith(".git", StringComparison.Ordinal))
        {
            path = path[..^4].TrimEnd('/');
        }

        if (AzureVersion().IsMatch(path))
        {
            path = path[3..];
        }

        return path.Replace("/_git/", "/", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/]*@)?(?<host>\[[^\]]*\]|[^:/]*)(?::[0-9]*)?(?<path>/.*)?$")]
    private static partial Regex SchemeUrl();

    [GeneratedRegex(@"^(?:[^@/]+@)?(?<host>[^:/]{2,}):(?<path>[^/].*|/.*)$")]
    private static partial Regex ScpLike();

    [GeneratedRegex(@"^v[0-9]/")]
    private static partial Regex AzureVersion();
}
