using System.Text;
using System.Text.RegularExpressions;

namespace ContainerCd.Runtime.Docker.Images;

/// <summary>
/// <c>.dockerignore</c> rules as Docker applies them: patterns relative to the context root with
/// <c>*</c>, <c>?</c> and <c>**</c>, <c>!</c> re-including, the last matching rule winning, and a rule
/// that matches a directory covering everything below it.
/// </summary>
internal sealed class DockerIgnore
{
    private readonly List<(Regex Pattern, bool Exclude)> _rules = [];

    public static DockerIgnore Load(string contextDirectory)
    {
        var ignore = new DockerIgnore();
        var file = Path.Combine(contextDirectory, ".dockerignore");
        if (!File.Exists(file))
        {
            return ignore;
        }

        foreach (var raw in File.ReadAllLines(file))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var exclude = !line.StartsWith('!');
            var pattern = (exclude ? line : line[1..].Trim()).Replace('\\', '/').TrimStart('/');
            while (pattern.StartsWith("./", StringComparison.Ordinal))
            {
                pattern = pattern[2..];
            }

            pattern = pattern.TrimEnd('/');
            if (pattern.Length > 0)
            {
                ignore._rules.Add((new Regex(ToRegex(pattern), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)), exclude));
            }
        }

        return ignore;
    }

    /// <summary>Whether a path (relative, '/'-separated) is left out of the context.</summary>
    public bool IsExcluded(string relativePath)
    {
        var excluded = false;
        foreach (var (pattern, exclude) in _rules)
        {
            if (MatchesSelfOrParent(pattern, relativePath))
            {
                excluded = exclude;
            }
        }

        return excluded;
    }

    private static bool MatchesSelfOrParent(Regex pattern, string path)
    {
        if (pattern.IsMatch(path))
        {
            return true;
        }

        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
        {
            if (pattern.IsMatch(path[..slash]))
            {
                return true;
            }
        }

        return false;
    }

    private static string ToRegex(string pattern)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                {
                    i++;
                    regex.Append("(.*/)?");
                }
                else
                {
                    regex.Append(".*");
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        return regex.Append('$').ToString();
    }
}
