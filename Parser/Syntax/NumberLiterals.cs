using System.Globalization;
using System.Numerics;

namespace ContainerCd.Parser.Syntax;

/// <summary>Groovy's number literal types: int, then long, then BigInteger; BigDecimal (decimal) for 1.5; d/f suffixes.</summary>
internal static class NumberLiterals
{
    public static object Parse(string text, bool isFloat)
    {
        var clean = text.Replace("_", string.Empty, StringComparison.Ordinal);
        var suffix = char.ToLowerInvariant(clean[^1]);
        return isFloat ? ParseFloat(clean, suffix) : ParseInteger(clean, suffix);
    }

    private static object ParseFloat(string text, char suffix)
    {
        var digits = suffix is 'd' or 'f' or 'g' ? text[..^1] : text;
        return suffix switch
        {
            'd' => (object)double.Parse(digits, CultureInfo.InvariantCulture),
            'f' => (object)float.Parse(digits, CultureInfo.InvariantCulture),
            _ => decimal.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? (object)value
                : (object)double.Parse(digits, CultureInfo.InvariantCulture),
        };
    }

    private static object ParseInteger(string text, char suffix)
    {
        var digits = suffix is 'l' or 'i' or 'g' ? text[..^1] : text;
        BigInteger value;
        if (digits.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            value = BigInteger.Parse("0" + digits[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }
        else if (digits.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
        {
            value = BigInteger.Zero;
            foreach (var bit in digits[2..])
            {
                value = value * 2 + (bit - '0');
            }
        }
        else
        {
            value = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        }

        return suffix switch
        {
            'g' => (object)value,
            'l' => value <= long.MaxValue ? (object)(long)value : (object)value,
            'i' => value <= int.MaxValue ? (object)(int)value : (object)value,
            _ when value <= int.MaxValue => (object)(int)value,
            _ when value <= long.MaxValue => (object)(long)value,
            _ => (object)value,
        };
    }
}
