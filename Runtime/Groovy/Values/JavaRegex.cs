using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace ContainerCd.Runtime.Groovy.Values;

/// <summary>
/// Java regular expressions on .NET's engine: the syntax is nearly the same; inline flags, possessive
/// quantifiers aside. Compiled patterns are cached. Replacement strings are translated from Java's
/// <c>$1</c>/<c>\$</c> form to .NET's.
/// </summary>
public static class JavaRegex
{
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(10);

    public static Regex Create(string pattern) =>
        Cache.GetOrAdd(pattern, static p => new Regex(p, RegexOptions.CultureInvariant, MatchTimeout));

    /// <summary>A regex that must match the whole input, as Java's <c>String.matches</c> and <c>==~</c> require.</summary>
    public static Regex CreateWhole(string pattern) =>
        Cache.GetOrAdd("\0whole\0" + pattern, static p => new Regex("\\A(?:" + p["\0whole\0".Length..] + ")\\z", RegexOptions.CultureInvariant, MatchTimeout));

    /// <summary>Translates a Java replacement (<c>$1</c>, <c>${name}</c>, <c>\$</c>, <c>\\</c>) to .NET's syntax.</summary>
    public static string TranslateReplacement(string replacement)
    {
        if (replacement.IndexOfAny(['$', '\\']) < 0)
        {
            return replacement;
        }

        var builder = new StringBuilder(replacement.Length + 8);
        for (var i = 0; i < replacement.Length; i++)
        {
            var c = replacement[i];
            if (c == '\\' && i + 1 < replacement.Length)
            {
                var next = replacement[++i];
                builder.Append(next == '$' ? "$$" : next.ToString());
            }
            else if (c == '$' && i + 1 < replacement.Length && char.IsAsciiDigit(replacement[i + 1]))
            {
                builder.Append("${");
                while (i + 1 < replacement.Length && char.IsAsciiDigit(replacement[i + 1]))
                {
                    builder.Append(replacement[++i]);
                }

                builder.Append('}');
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The text with every regex metacharacter escaped, as Java's Pattern.quote.</summary>
    public static string Quote(string text) => Regex.Escape(text);
}
