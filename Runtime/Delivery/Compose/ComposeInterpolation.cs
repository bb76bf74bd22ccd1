using System.Text;

namespace ContainerCd.Runtime.Delivery.Compose;

/// <summary>
/// The Compose specification's interpolation of values from the build's environment: <c>$VAR</c>, <c>${VAR}</c>,
/// <c>${VAR:-default}</c> (unset or empty), <c>${VAR-default}</c> (unset), <c>${VAR:?message}</c> /
/// <c>${VAR?message}</c> (an error when unset or empty / unset), <c>${VAR:+replacement}</c> / <c>${VAR+replacement}</c>,
/// and <c>$$</c> for a literal <c>$</c>. Defaults may themselves hold references. A variable that is not set and has
/// no default becomes empty, with Compose's warning.
/// </summary>
public static class ComposeInterpolation
{
    /// <summary>The interpolated text, or null with <paramref name="error"/> set; <paramref name="warnings"/> gets unset variables.</summary>
    public static string? Interpolate(string text, Func<string, string?> lookup, ICollection<string> warnings, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(lookup);
        ArgumentNullException.ThrowIfNull(warnings);
        error = null;
        if (!text.Contains('$', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c != '$')
            {
                result.Append(c);
                i++;
                continue;
            }

            if (i + 1 >= text.Length)
            {
                error = $"Invalid template: \"{text}\": a '$' ends the value (write $$ for a literal $)";
                return null;
            }

            var next = text[i + 1];
            if (next == '$')
            {
                result.Append('$');
                i += 2;
            }
            else if (next == '{')
            {
                var close = MatchingBrace(text, i + 1);
                if (close < 0)
                {
                    error = $"Invalid template: \"{text}\": '${{' without its closing '}}'";
                    return null;
                }

                var value = Braced(text[(i + 2)..close], lookup, warnings, text, out error);
                if (value is null)
                {
                    return null;
                }

                result.Append(value);
                i = close + 1;
            }
            else if (IsNameStart(next))
            {
                var end = i + 1;
                while (end < text.Length && IsNamePart(text[end]))
                {
                    end++;
                }

                result.Append(Lookup(text[(i + 1)..end], lookup, warnings) ?? "");
                i = end;
            }
            else
            {
                error = $"Invalid template: \"{text}\": '$' must be followed by a variable name, {{ or $ (write $$ for a literal $)";
                return null;
            }
        }

        return result.ToString();
    }

    private static string? Braced(string inner, Func<string, string?> lookup, ICollection<string> warnings, string text, out string? error)
    {
        error = null;
        var nameEnd = 0;
        while (nameEnd < inner.Length && (nameEnd == 0 ? IsNameStart(inner[nameEnd]) : IsNamePart(inner[nameEnd])))
        {
            nameEnd++;
        }

        if (nameEnd == 0)
        {
            error = $"Invalid template: \"{text}\": \"${{{inner}}}\" does not start with a variable name";
            return null;
        }

        var name = inner[..nameEnd];
        var rest = inner[nameEnd..];
        if (rest.Length == 0)
        {
            return Lookup(name, lookup, warnings) ?? "";
        }

        var colon = rest[0] == ':';
        var op = colon ? (rest.Length > 1 ? rest[1] : '\0') : rest[0];
        var word = rest[(colon ? 2 : 1)..];
        if (op is not ('-' or '?' or '+'))
        {
            error = $"Invalid template: \"{text}\": unknown operator in \"${{{inner}}}\" (use :-, -, :?, ?, :+ or +)";
            return null;
        }

        var value = lookup(name);
        var set = colon ? !string.IsNullOrEmpty(value) : value is not null;
        switch (op)
        {
            case '-':
                return set ? value : Interpolate(word, lookup, warnings, out error);
            case '+':
                return set ? Interpolate(word, lookup, warnings, out error) : "";
            default:
                if (set)
                {
                    return value;
                }

                var message = Interpolate(word, lookup, warnings, out error);
                if (message is null)
                {
                    return null;
                }

                error = $"required variable {name} is missing a value" + (message.Length > 0 ? ": " + message : "");
                return null;
        }
    }

    private static string? Lookup(string name, Func<string, string?> lookup, ICollection<string> warnings)
    {
        var value = lookup(name);
        if (value is null)
        {
            warnings.Add($"The \"{name}\" variable is not set. Defaulting to a blank string.");
        }

        return value;
    }

    private static int MatchingBrace(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '{')
            {
                depth++;
            }
            else if (text[i] == '}' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsNameStart(char c) => c == '_' || char.IsAsciiLetter(c);

    private static bool IsNamePart(char c) => c == '_' || char.IsAsciiLetterOrDigit(c);
}
