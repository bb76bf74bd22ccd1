using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ContainerCd.Runtime.Groovy.Operations;

/// <summary>
/// Java's String.format / Groovy's sprintf for the conversions scripts use: %s %d %f %x %o %c %b %e
/// %n %%, with flags (-, 0, +, comma, space), width, precision and explicit indexes (%1$s).
/// </summary>
public static partial class JavaFormatter
{
    public static string Format(string format, IReadOnlyList<object?> arguments)
    {
        var builder = new StringBuilder();
        var next = 0;
        var position = 0;
        foreach (Match match in Specifier().Matches(format))
        {
            builder.Append(format, position, match.Index - position);
            position = match.Index + match.Length;
            var conversion = match.Groups["conversion"].Value;
            if (conversion == "%")
            {
                builder.Append('%');
                continue;
            }

            if (conversion == "n")
            {
                builder.Append('\n');
                continue;
            }

            var index = match.Groups["index"].Success
                ? int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture) - 1
                : next++;
            if (index >= arguments.Count)
            {
                throw new FormatException($"Format specifier '{match.Value}' has no argument (java.util.MissingFormatArgumentException)");
            }

            builder.Append(FormatOne(match, conversion, arguments[index]));
        }

        builder.Append(format, position, format.Length - position);
        return builder.ToString();
    }

    private static string FormatOne(Match match, string conversion, object? value)
    {
        var flags = match.Groups["flags"].Value;
        var width = match.Groups["width"].Success ? int.Parse(match.Groups["width"].Value, CultureInfo.InvariantCulture) : 0;
        int? precision = match.Groups["precision"].Success ? int.Parse(match.Groups["precision"].Value, CultureInfo.InvariantCulture) : null;
        var upper = conversion.Length == 1 && char.IsUpper(conversion[0]);
        string text;
        switch (char.ToLowerInvariant(conversion[0]))
        {
            case 's':
                text = GroovyFormat.ToDisplayString(value);
                if (precision is { } p && text.Length > p)
                {
                    text = text[..p];
                }

                break;
            case 'b':
                text = value is bool b ? (b ? "true" : "false") : value is null ? "false" : "true";
                break;
            case 'c':
                text = value is string s ? s : ((char)NumberMath.ToInt(value ?? 0)).ToString();
                break;
            case 'd':
                var integer = NumberMath.ToBigInteger(value ?? throw new FormatException("null for %d"));
                text = flags.Contains(',', StringComparison.Ordinal)
                    ? integer.ToString("#,0", CultureInfo.InvariantCulture)
                    : integer.ToString(CultureInfo.InvariantCulture);
                text = Sign(text, flags, integer.Sign >= 0);
                break;
            case 'x':
                text = NumberMath.ToLong(value ?? 0).ToString("x", CultureInfo.InvariantCulture);
                break;
            case 'o':
                text = Convert.ToString(NumberMath.ToLong(value ?? 0), 8);
                break;
            case 'f':
                var number = NumberMath.ToDecimal(value ?? 0);
                var format = (flags.Contains(',', StringComparison.Ordinal) ? "#,0." : "0.") + new string('0', precision ?? 6);
                text = Math.Round(number, precision ?? 6, MidpointRounding.AwayFromZero).ToString(format, CultureInfo.InvariantCulture).TrimEnd('.');
                text = Sign(text, flags, number >= 0);
                break;
            case 'e':
                text = NumberMath.ToDouble(value ?? 0).ToString((upper ? "E" : "e") + (precision ?? 6).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
                    .Replace("e+0", "e+", StringComparison.Ordinal).Replace("e-0", "e-", StringComparison.Ordinal);
                break;
            default:
                throw new FormatException($"Conversion = '{conversion}' (java.util.UnknownFormatConversionException)");
        }

        if (upper)
        {
            text = text.ToUpperInvariant();
        }

        if (text.Length < width)
        {
            if (flags.Contains('-', StringComparison.Ordinal))
            {
                text = text.PadRight(width);
            }
            else if (flags.Contains('0', StringComparison.Ordinal) && "dfxoe".Contains(char.ToLowerInvariant(conversion[0]), StringComparison.Ordinal))
            {
                var negative = text.StartsWith('-') || text.StartsWith('+');
                text = negative ? text[0] + text[1..].PadLeft(width - 1, '0') : text.PadLeft(width, '0');
            }
            else
            {
                text = text.PadLeft(width);
            }
        }

        return text;
    }

    private static string Sign(string text, string flags, bool nonNegative) =>
        nonNegative && flags.Contains('+', StringComparison.Ordinal) ? "+" + text
        : nonNegative && flags.Contains(' ', StringComparison.Ordinal) ? " " + text
        : text;

    [GeneratedRegex(@"%(?:(?<index>\d+)\$)?(?<flags>[-#+ 0,(]*)(?<width>\d+)?(?:\.(?<precision>\d+))?(?<conversion>[sSdDfFxXoOcCbBeEn%])")]
    private static partial Regex Specifier();
}
