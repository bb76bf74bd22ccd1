using System.Text.RegularExpressions;

namespace ContainerCd.Server.Webhooks;

/// <summary>
/// Whether a job's branch spec (<c>main</c>, <c>*/main</c>, <c>origin/release-*</c>, <c>refs/heads/main</c>,
/// <c>**</c>) names a branch a hook notified (<c>main</c>, <c>origin/main</c>, <c>refs/heads/main</c>), as the git
/// plugin's BranchSpec matches a repository branch: <c>*</c> within a name part, <c>**</c> across parts.
/// </summary>
internal static class BranchSpecs
{
    public static bool Match(string spec, string branch)
    {
        var pattern = Normalize(spec);
        if (pattern.StartsWith("*/", StringComparison.Ordinal))
        {
            pattern = pattern[2..];
        }

        var regex = "^" + Regex.Escape(pattern).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(Normalize(branch), regex, RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    private static string Normalize(string name)
    {
        name = name.Trim();
        foreach (var prefix in new[] { "refs/heads/", "refs/remotes/origin/", "remotes/origin/", "origin/" })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return name[prefix.Length..];
            }
        }

        return name;
    }
}
