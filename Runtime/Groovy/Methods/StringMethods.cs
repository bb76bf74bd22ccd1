using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Methods;

/// <summary>java.lang.String with Groovy's additions (tokenize, toInteger, padLeft, replaceAll with a closure...).</summary>
public static class StringMethods
{
    public static async ValueTask<object?> InvokeAsync(string text, string name, MethodCall call)
    {
        switch (name)
        {
            case "trim":
                return JavaTrim(text);
            case "strip":
                return text.Trim();
            case "stripLeading":
                return text.TrimStart();
            case "stripTrailing":
                return text.TrimEnd();
            case "length" or "size":
                return text.Length;
            case "isEmpty":
                return text.Length == 0;
            case "isBlank":
                return string.IsNullOrWhiteSpace(text);
            case "toUpperCase":
                return text.ToUpperInvariant();
            case "toLowerCase":
                return text.ToLowerInvariant();
            case "toString" or "intern" or "toCharSequence":
                return text;
            case "contains":
                return text.Contains(call.Text(0), StringComparison.Ordinal);
            case "startsWith":
                return call.Count > 1
                    ? call.IntAt(1) <= text.Length && text[call.IntAt(1)..].StartsWith(call.Text(0), StringComparison.Ordinal)
                    : text.StartsWith(call.Text(0), StringComparison.Ordinal);
            case "endsWith":
                return text.EndsWith(call.Text(0), StringComparison.Ordinal);
            case "equalsIgnoreCase":
                return call[0] is not null && string.Equals(text, call.Text(0), StringComparison.OrdinalIgnoreCase);
            case "compareTo":
                return Math.Sign(string.CompareOrdinal(text, call.Text(0)));
            case "compareToIgnoreCase":
                return Math.Sign(string.Compare(text, call.Text(0), StringComparison.OrdinalIgnoreCase));
            case "indexOf":
                return IndexOf(text, call, last: false);
            case "lastIndexOf":
                return IndexOf(text, call, last: true);
            case "charAt":
                return CharAt(text, call.IntAt(0));
            case "substring":
                return Substring(text, call.IntAt(0), call.Count > 1 ? call.IntAt(1) : text.Length);
            case "subSequence":
                return Substring(text, call.IntAt(0), call.IntAt(1));
            case "concat" or "plus":
                var joined = text + call.Text(0);
                call.CheckLength(joined.Length);
                return joined;
            case "replace":
                if (call.Count == 2)
                {
                    var from = call.Text(0);
                    return from.Length == 0 ? InsertEverywhere(text, call.Text(1)) : text.Replace(from, call.Text(1), StringComparison.Ordinal);
                }

                break;
            case "replaceAll":
                return await ReplaceAsync(text, call, all: true).ConfigureAwait(false);
            case "replaceFirst":
                return await ReplaceAsync(text, call, all: false).ConfigureAwait(false);
            case "split":
                if (call.Count == 0)
                {
                    return new ArrayValue("java.lang.String", Tokenize(text, " \t\n\r\f"));
                }

                if (call.HasClosureAt(0))
                {
                    break;
                }

                return new ArrayValue("java.lang.String", JavaSplit(text, call[0] is PatternValue p ? p.Pattern : call.Text(0), call.Count > 1 ? call.IntAt(1) : 0));
            case "tokenize":
                return Tokenize(text, call.Count == 0 ? " \t\n\r\f" : call[0] is System.Collections.IList delimiters
                    ? string.Concat(delimiters.Cast<object?>().Select(GroovyFormat.ToDisplayString))
                    : call.Text(0));
            case "matches":
                return JavaRegex.CreateWhole(call[0] is PatternValue pattern ? pattern.Pattern : call.Text(0)).IsMatch(text);
            case "find":
                return await FindAsync(text, call).ConfigureAwait(false);
            case "findAll" when !call.HasClosureAt(0) || call.Count == 2:
                return await FindAllAsync(text, call).ConfigureAwait(false);
            case "toInteger" or "asInteger":
                return Parse(text, "Integer");
            case "toLong":
                return Parse(text, "Long");
            case "toBigInteger":
                return Parse(text, "BigInteger");
            case "toBigDecimal":
                return Parse(text, "BigDecimal");
            case "toDouble" or "toFloat":
                return Parse(text, "Double");
            case "isInteger":
                return TypeCoercion.ParseNumber(text, "Integer") is not null;
            case "isLong":
                return TypeCoercion.ParseNumber(text, "Long") is not null;
            case "isBigInteger":
                return TypeCoercion.ParseNumber(text, "BigInteger") is not null;
            case "isDouble" or "isFloat":
                return TypeCoercion.ParseNumber(text, "Double") is not null;
            case "isNumber" or "isBigDecimal":
                return TypeCoercion.ParseNumber(text, "BigDecimal") is not null;
            case "toBoolean":
                return JavaTrim(text).ToLowerInvariant() is "true" or "y" or "1";
            case "capitalize":
                return text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
            case "uncapitalize":
                return text.Length == 0 ? text : char.ToLowerInvariant(text[0]) + text[1..];
            case "reverse":
                var chars = text.ToCharArray();
                Array.Reverse(chars);
                return new string(chars);
            case "padLeft":
                return Pad(text, call, left: true);
            case "padRight":
                return Pad(text, call, left: false);
            case "center":
                var width = call.IntAt(0);
                if (text.Length >= width)
                {
                    return text;
                }

                var padding = call.Count > 1 ? call.Text(1) : " ";
                var leftCount = (width - text.Length) / 2;
                return Repeat(padding, leftCount) + text + Repeat(padding, width - text.Length - leftCount);
            case "multiply" or "repeat":
                var count = call.IntAt(0);
                call.CheckLength(text.Length * Math.Max(0, count));
                return Repeat(text, count);
            case "minus":
                var removeText = call.Text(0);
                var at = text.IndexOf(removeText, StringComparison.Ordinal);
                return at < 0 ? text : text.Remove(at, removeText.Length);
            case "count":
                return CountOccurrences(text, call.Text(0));
            case "readLines" or "lines":
                return ReadLines(text);
            case "eachLine":
                if (call.Closure(0) is { } lineClosure)
                {
                    var lines = ReadLines(text);
                    object? last = null;
                    for (var i = 0; i < lines.Count; i++)
                    {
                        last = lineClosure.ParameterCount > 1 ? await call.CallAsync(lineClosure, lines[i], i).ConfigureAwait(false) : await call.CallAsync(lineClosure, lines[i]).ConfigureAwait(false);
                    }

                    return last;
                }

                break;
            case "stripIndent":
                return StripIndent(text);
            case "stripMargin":
                var margin = call.Count > 0 ? call.Text(0)[0] : '|';
                return string.Join("\n", text.Split('\n').Select(line =>
                {
                    var trimmed = line.TrimStart(' ', '\t');
                    return trimmed.Length > 0 && trimmed[0] == margin ? trimmed[1..] : line;
                }));
            case "normalize":
                return text.Replace("\r\n", "\n", StringComparison.Ordinal);
            case "denormalize":
                return text;
            case "toList" or "toCharArray" or "chars":
                return text.Select(c => (object?)c.ToString()).ToList();
            case "toSet":
                return new GroovySet(text.Select(c => (object?)c.ToString()));
            case "getBytes":
                return new ByteArrayValue(Encoding.UTF8.GetBytes(text));
            case "decodeBase64":
                return new ByteArrayValue(Convert.FromBase64String(text));
            case "take":
                return text[..Math.Clamp(call.IntAt(0), 0, text.Length)];
            case "drop":
                return text[Math.Clamp(call.IntAt(0), 0, text.Length)..];
            case "getAt":
                return GroovyInterpreter.GetAt(text, call[0], call.Frame, call.Span);
            case "next":
                return text.Length == 0 ? "\u0001" : text[..^1] + (char)(text[^1] + 1);
            case "previous":
                return text.Length == 0 ? text : text[..^1] + (char)(text[^1] - 1);
            case "codePointAt":
                return (int)text[call.IntAt(0)];
            case "execute":
                throw ScriptErrors.Unsupported("String.execute() (run commands with the sh step)");
            case "each" or "eachWithIndex" or "collect" or "findAll" or "any" or "every" or "inject" or "findIndexOf" or "collectEntries" or "sort" or "unique" or "join" or "groupBy" or "countBy" or "withIndex" or "first" or "last":
                return await CollectionMethods.InvokeAsync(text.Select(c => (object?)c.ToString()).ToList(), name, call).ConfigureAwait(false);
        }

        return Undefined.Value;
    }

    public static string JavaTrim(string text)
    {
        var start = 0;
        var end = text.Length;
        while (start < end && text[start] <= ' ')
        {
            start++;
        }

        while (end > start && text[end - 1] <= ' ')
        {
            end--;
        }

        return start == 0 && end == text.Length ? text : text[start..end];
    }

    /// <summary>Java's String.split: a regex (literal when it is one plain character), trailing empty strings dropped unless a limit is given.</summary>
    public static List<object?> JavaSplit(string text, string regex, int limit)
    {
        var parts = new List<object?>();
        if (text.Length == 0)
        {
            parts.Add(string.Empty);
            return parts;
        }

        var position = 0;
        foreach (Match match in JavaRegex.Create(regex).Matches(text))
        {
            if (limit > 0 && parts.Count == limit - 1)
            {
                break;
            }

            if (match.Length == 0 && (match.Index == 0 || match.Index >= text.Length))
            {
                continue;
            }

            if (match.Index == 0 && match.Length > 0 && position == 0)
            {
                parts.Add(string.Empty);
                position = match.Length;
                continue;
            }

            parts.Add(text[position..match.Index]);
            position = match.Index + match.Length;
        }

        parts.Add(text[position..]);
        if (limit == 0)
        {
            while (parts.Count > 0 && (string)parts[^1]! == string.Empty)
            {
                parts.RemoveAt(parts.Count - 1);
            }
        }

        return parts;
    }

    public static List<object?> Tokenize(string text, string delimiters)
    {
        var tokens = new List<object?>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (delimiters.Contains(c, StringComparison.Ordinal))
            {
                if (current.Length > 0)
                {
                    tokens.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(c);
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    public static List<object?> ReadLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').Select(l => (object?)l).ToList();
        if (lines.Count > 0 && (string)lines[^1]! == string.Empty)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }

    private static object Parse(string text, string type) =>
        TypeCoercion.ParseNumber(text, type) ?? throw new FormatException($"For input string: \"{JavaTrim(text)}\"");

    private static int IndexOf(string text, MethodCall call, bool last)
    {
        var needle = call.Text(0);
        if (call.Count > 1)
        {
            var from = Math.Clamp(call.IntAt(1), 0, text.Length);
            return last
                ? text.LastIndexOf(needle, Math.Min(from + needle.Length - 1, text.Length - 1), StringComparison.Ordinal)
                : text.IndexOf(needle, from, StringComparison.Ordinal);
        }

        return last ? text.LastIndexOf(needle, StringComparison.Ordinal) : text.IndexOf(needle, StringComparison.Ordinal);
    }

    private static string CharAt(string text, int index) =>
        index >= 0 && index < text.Length
            ? text[index].ToString()
            : throw GroovyException.Create("java.lang.StringIndexOutOfBoundsException", $"index {index}, length {text.Length}");

    private static string Substring(string text, int begin, int end) =>
        begin >= 0 && end <= text.Length && begin <= end
            ? text[begin..end]
            : throw GroovyException.Create("java.lang.StringIndexOutOfBoundsException", $"begin {begin}, end {end}, length {text.Length}");

    private static string InsertEverywhere(string text, string insert)
    {
        var builder = new StringBuilder(insert);
        foreach (var c in text)
        {
            builder.Append(c).Append(insert);
        }

        return builder.ToString();
    }

    private static async ValueTask<object?> ReplaceAsync(string text, MethodCall call, bool all)
    {
        var regex = call[0] is PatternValue pattern ? pattern.Regex : JavaRegex.Create(call.Text(0));
        var count = all ? -1 : 1;
        if (call.Closure(1) is { } closure)
        {
            var builder = new StringBuilder();
            var position = 0;
            var replaced = 0;
            foreach (Match match in regex.Matches(text))
            {
                if (count > 0 && replaced == count)
                {
                    break;
                }

                builder.Append(text, position, match.Index - position);
                object? replacement;
                if (match.Groups.Count == 1)
                {
                    replacement = await call.CallAsync(closure, match.Value).ConfigureAwait(false);
                }
                else
                {
                    var groups = match.Groups.Cast<Group>().Select(g => g.Success ? (object?)g.Value : null).ToList();
                    replacement = closure.ParameterCount > 1
                        ? await closure.CallAsync(call.Interpreter, groups, call.Frame, call.Span).ConfigureAwait(false)
                        : await call.CallAsync(closure, groups).ConfigureAwait(false);
                }

                builder.Append(GroovyFormat.ToDisplayString(replacement));
                position = match.Index + match.Length;
                replaced++;
            }

            builder.Append(text, position, text.Length - position);
            return builder.ToString();
        }

        var result = regex.Replace(text, JavaRegex.TranslateReplacement(call.Text(1)), count);
        call.CheckLength(result.Length);
        return result;
    }

    private static async ValueTask<object?> FindAsync(string text, MethodCall call)
    {
        var regex = call[0] is PatternValue pattern ? pattern.Regex : JavaRegex.Create(call.Text(0));
        var match = regex.Match(text);
        if (!match.Success)
        {
            return null;
        }

        if (call.Closure(1) is { } closure)
        {
            return match.Groups.Count == 1
                ? await call.CallAsync(closure, match.Value).ConfigureAwait(false)
                : await closure.CallAsync(call.Interpreter, match.Groups.Cast<Group>().Select(g => g.Success ? (object?)g.Value : null).ToList(), call.Frame, call.Span).ConfigureAwait(false);
        }

        return match.Value;
    }

    private static async ValueTask<object?> FindAllAsync(string text, MethodCall call)
    {
        var regex = call[0] is PatternValue pattern ? pattern.Regex : JavaRegex.Create(call.Text(0));
        var results = new List<object?>();
        foreach (Match match in regex.Matches(text))
        {
            if (call.Closure(1) is { } closure)
            {
                results.Add(match.Groups.Count == 1
                    ? await call.CallAsync(closure, match.Value).ConfigureAwait(false)
                    : await closure.CallAsync(call.Interpreter, match.Groups.Cast<Group>().Select(g => g.Success ? (object?)g.Value : null).ToList(), call.Frame, call.Span).ConfigureAwait(false));
            }
            else
            {
                results.Add(match.Value);
            }
        }

        return results;
    }

    private static string Pad(string text, MethodCall call, bool left)
    {
        var width = call.IntAt(0);
        var padding = call.Count > 1 ? call.Text(1) : " ";
        if (text.Length >= width || padding.Length == 0)
        {
            return text;
        }

        var fill = Repeat(padding, (width - text.Length) / padding.Length + 1)[..(width - text.Length)];
        return left ? fill + text : text + fill;
    }

    private static string Repeat(string text, int count) =>
        count <= 0 ? string.Empty : new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static int CountOccurrences(string text, string needle)
    {
        if (needle.Length == 0)
        {
            return text.Length + 1;
        }

        var count = 0;
        for (var i = text.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = text.IndexOf(needle, i + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static string StripIndent(string text)
    {
        var lines = text.Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart(' ', '\t').Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart(' ', '\t')));
    }

    /// <summary>Java's String.hashCode (s[0]*31^(n-1) + ... + s[n-1], wrapping).</summary>
    public static int JavaHashCode(string text)
    {
        var hash = 0;
        foreach (var c in text)
        {
            hash = unchecked(31 * hash + c);
        }

        return hash;
    }

    internal static string FormatInvariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
