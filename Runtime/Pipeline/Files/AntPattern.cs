namespace ContainerCd.Runtime.Pipeline.Files;

/// <summary>
/// One Ant pattern, as Ant's <c>SelectorUtils.matchPath</c> reads it: <c>*</c> and <c>?</c> within a path
/// segment, <c>**</c> for any number of segments (none included), <c>\</c> read as <c>/</c>, and a trailing
/// <c>/</c> standing for <c>/**</c>. Paths are relative, with <c>/</c> between segments.
/// </summary>
public sealed class AntPattern
{
    private const string Globstar = "**";
    private readonly string[] _segments;
    private readonly StringComparison _comparison;

    private AntPattern(string text, string[] segments, bool caseSensitive)
    {
        Text = text;
        _segments = segments;
        _comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
    }

    public string Text { get; }

    /// <summary>Whether everything below a matching directory matches too (<c>dir/**</c>).</summary>
    public bool EndsWithGlobstar => _segments[^1] == Globstar;

    /// <summary>
    /// Reads <paramref name="text"/>; an absolute pattern, or one with a <c>..</c> segment, matches nothing
    /// under a directory and is refused with the reason in <paramref name="error"/>.
    /// </summary>
    public static AntPattern? Parse(string text, bool caseSensitive, out string? error)
    {
        var normalized = text.Replace('\\', '/');
        if (normalized.StartsWith('/') || (normalized.Length > 1 && normalized[1] == ':'))
        {
            // hudson.FilePath.glob's words.
            error = $"Expecting Ant GLOB pattern, but saw '{text}'. See https://ant.apache.org/manual/Types/fileset.html for syntax";
            return null;
        }

        if (normalized.EndsWith('/'))
        {
            normalized += Globstar;
        }

        var segments = normalized.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(s => s != ".").ToArray();
        if (segments.Contains(".."))
        {
            error = $"‘{text}’ goes up out of the directory it is matched in (..): an Ant pattern only matches files below it, inside the workspace";
            return null;
        }

        error = null;
        return new AntPattern(text, segments.Length == 0 ? [Globstar] : segments, caseSensitive);
    }

    /// <summary>Whether the relative path matches the whole pattern.</summary>
    public bool Matches(string path) => Match(0, path.Split('/'), 0);

    /// <summary>
    /// Whether something below the directory <paramref name="path"/> could match (Ant's <c>matchPatternStart</c>);
    /// with <paramref name="literally"/>, only if the pattern names the directory's segments without a <c>**</c>
    /// (<c>lib/*.jar</c> names <c>lib</c>; <c>**/*.jar</c> names no directory).
    /// </summary>
    public bool CouldMatchBelow(string path, bool literally = false)
    {
        var parts = path.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i >= _segments.Length)
            {
                return false;
            }

            if (_segments[i] == Globstar)
            {
                return !literally;
            }

            if (!SegmentMatches(_segments[i], parts[i]))
            {
                return false;
            }
        }

        return true;
    }

    private bool Match(int p, string[] path, int s)
    {
        for (; p < _segments.Length && s < path.Length; p++, s++)
        {
            if (_segments[p] == Globstar)
            {
                for (var skip = s; skip <= path.Length; skip++)
                {
                    if (Match(p + 1, path, skip))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (!SegmentMatches(_segments[p], path[s]))
            {
                return false;
            }
        }

        // The path is used up: only globstars may remain; the pattern is used up: so must the path be.
        return s == path.Length && _segments.Skip(p).All(segment => segment == Globstar);
    }

    /// <summary><c>*</c> (any run of characters) and <c>?</c> (one character) within one segment.</summary>
    private bool SegmentMatches(string pattern, string text)
    {
        int p = 0, t = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || (pattern[p] != '*' && string.Compare(pattern, p, text, t, 1, _comparison) == 0)))
            {
                p++;
                t++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
