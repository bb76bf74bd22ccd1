using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Operations;

/// <summary>
/// Text of values as Groovy prints them: <c>[a, b]</c> for lists, <c>[k:v]</c> for maps, <c>[:]</c>
/// for an empty map, Java's double format (1.0, 1.0E10), <c>null</c>. <see cref="Inspect"/> quotes
/// strings as <c>inspect()</c> does.
/// </summary>
public static class GroovyFormat
{
    public static string ToDisplayString(object? value) => Format(value, false, 0);

    public static string Inspect(object? value) => Format(value, true, 0);

    private static string Format(object? value, bool inspect, int depth)
    {
        switch (value)
        {
            case null:
                return "null";
            case string s:
                return inspect ? "'" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'" : s;
            case GStringValue g:
                return inspect ? "'" + g + "'" : g.ToString();
            case bool b:
                return b ? "true" : "false";
            case int i:
                return i.ToString(CultureInfo.InvariantCulture);
            case long l:
                return l.ToString(CultureInfo.InvariantCulture);
            case BigInteger big:
                return big.ToString(CultureInfo.InvariantCulture);
            case decimal d:
                return d.ToString(CultureInfo.InvariantCulture);
            case double d:
                return FormatDouble(d);
            case float f:
                return FormatFloat(f);
            case GroovyMap map:
                return FormatMap(map, inspect, depth);
            case MapEntryValue entry:
                return Format(entry.Key, inspect, depth + 1) + "=" + Format(entry.Value, inspect, depth + 1);
            case GroovySet or IList or RangeValue:
                return FormatSequence((IEnumerable)value, inspect, depth);
            default:
                return value.ToString() ?? "null";
        }
    }

    private static string FormatSequence(IEnumerable items, bool inspect, int depth)
    {
        if (depth > 64)
        {
            return "[...]";
        }

        var builder = new StringBuilder("[");
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            builder.Append(ReferenceEquals(item, items) ? "(this Collection)" : Format(item, inspect, depth + 1));
        }

        return builder.Append(']').ToString();
    }

    private static string FormatMap(GroovyMap map, bool inspect, int depth)
    {
        if (map.Count == 0)
        {
            return "[:]";
        }

        if (depth > 64)
        {
            return "[...]";
        }

        var builder = new StringBuilder("[");
        var first = true;
        foreach (var entry in map)
        {
            if (!first)
            {
                builder.Append(", ");
            }

            first = false;
            builder.Append(Format(entry.Key, inspect, depth + 1)).Append(':');
            builder.Append(ReferenceEquals(entry.Value, map) ? "(this Map)" : Format(entry.Value, inspect, depth + 1));
        }

        return builder.Append(']').ToString();
    }

    /// <summary>Java's Double.toString: plain between 10^-3 and 10^7 (always with a fraction digit), else 1.0E10 style.</summary>
    public static string FormatDouble(double d) => FormatJavaFloating(d, d.ToString("R", CultureInfo.InvariantCulture));

    public static string FormatFloat(float f) => FormatJavaFloating(f, f.ToString("R", CultureInfo.InvariantCulture));

    private static string FormatJavaFloating(double d, string shortest)
    {
        if (double.IsNaN(d))
        {
            return "NaN";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "Infinity" : "-Infinity";
        }

        if (d == 0)
        {
            return double.IsNegative(d) ? "-0.0" : "0.0";
        }

        var negative = shortest.StartsWith('-');
        if (negative)
        {
            shortest = shortest[1..];
        }

        // Split the shortest round-trip text into its digits and a decimal exponent (value = 0.DIGITS * 10^exponent).
        var exponent = 0;
        var ePos = shortest.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            exponent = int.Parse(shortest[(ePos + 1)..], CultureInfo.InvariantCulture);
            shortest = shortest[..ePos];
        }

        var dot = shortest.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? shortest[..dot] : shortest;
        var fracPart = dot >= 0 ? shortest[(dot + 1)..] : string.Empty;
        var digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - (intPart + fracPart).TrimStart('0').Length;
        var pointPosition = intPart.Length + exponent - leadingZeros;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var magnitude = Math.Abs(d);
        string text;
        if (magnitude >= 1e-3 && magnitude < 1e7)
        {
            if (pointPosition <= 0)
            {
                text = "0." + new string('0', -pointPosition) + digits;
            }
            else if (pointPosition >= digits.Length)
            {
                text = digits + new string('0', pointPosition - digits.Length) + ".0";
            }
            else
            {
                text = digits[..pointPosition] + "." + digits[pointPosition..];
            }
        }
        else
        {
            var mantissa = digits.Length == 1 ? digits + ".0" : digits[..1] + "." + digits[1..];
            text = mantissa + "E" + (pointPosition - 1).ToString(CultureInfo.InvariantCulture);
        }

        return negative ? "-" + text : text;
    }
}
