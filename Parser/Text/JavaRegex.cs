using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace ContainerCd.Parser.Text;

/// <summary>
/// Java regular expressions on .NET's engine, for lint and run alike: the syntax is nearly the same (inline flags and
/// possessive quantifiers aside), but Java refuses a <c>{</c> that does not start a repetition such as <c>{2}</c> or
/// <c>{1,3}</c>, which .NET reads as a literal; both <see cref="Check"/> (lint) and <see cref="Create"/> (run) refuse it
/// as Java's <c>Pattern.compile</c> does. Compiled patterns are cached. Replacement strings are translated from
/// Java's <c>$1</c>/<c>\$</c> form to .NET's.
/// </summary>
public static partial class JavaRegex
{
    private const string WholeKey = "\0whole\0";
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The compiled pattern; <see cref="JavaPatternSyntaxException"/> where Java refuses what .NET would take.</summary>
    public static Regex Create(string pattern) =>
        Cache.GetOrAdd(pattern, static p => Compile(p, p));

    /// <summary>A regex that must match the whole input, as Java's <c>String.matches</c> and <c>==~</c> require.</summary>
    public static Regex CreateWhole(string pattern) =>
        Cache.GetOrAdd(WholeKey + pattern, static key => Compile(key[WholeKey.Length..], "\\A(?:" + key[WholeKey.Length..] + ")\\z"));

    /// <summary>Null when the pattern compiles as Java's would; otherwise why not.</summary>
    public static string? Check(string pattern)
    {
        if (IllegalRepetition(pattern) is { } problem)
        {
            return problem;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    private static Regex Compile(string javaPattern, string pattern) =>
        IllegalRepetition(javaPattern) is { } problem
            ? throw new JavaPatternSyntaxException(problem, javaPattern)
            : new Regex(pattern, RegexOptions.CultureInvariant, MatchTimeout);

    private static string? IllegalRepetition(string pattern)
    {
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                i++;
            }
            else if (c == '[')
            {
                inClass = true;
            }
            else if (c == ']')
            {
                inClass = false;
            }
            else if (c == '{' && !inClass && (i == 0 || !Repetition().IsMatch(pattern.AsSpan(i))))
            {
                return $"Illegal repetition near index {Math.Max(0, i - 1)}";
            }
        }

        return null;
    }

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

    [GeneratedRegex(@"^\{\d+(,\d*)?\}")]
    private static partial Regex Repetition();
}
