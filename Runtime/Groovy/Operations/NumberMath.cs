using System.Numerics;

namespace ContainerCd.Runtime.Groovy.Operations;

/// <summary>
/// Groovy's arithmetic: int op int stays int (wrapping on overflow as Java does), long and
/// BigInteger widen, BigDecimal (C# decimal) beats integers, double beats everything; <c>/</c> on
/// integers gives a BigDecimal (1/2 == 0.5), <c>**</c> grows int to long to BigInteger.
/// </summary>
public static class NumberMath
{
    private enum Kind
    {
        Int,
        Long,
        BigInteger,
        BigDecimal,
        Double,
    }

    public static bool IsNumber(object? value) =>
        value is int or long or BigInteger or decimal or double or float or short or byte;

    public static bool IsIntegral(object? value) => value is int or long or BigInteger or short or byte;

    public static object Add(object a, object b) => Common(a, b) switch
    {
        Kind.Int => unchecked(ToInt(a) + ToInt(b)),
        Kind.Long => unchecked(ToLong(a) + ToLong(b)),
        Kind.BigInteger => ToBigInteger(a) + ToBigInteger(b),
        Kind.BigDecimal => ToDecimal(a) + ToDecimal(b),
        _ => ToDouble(a) + ToDouble(b),
    };

    public static object Subtract(object a, object b) => Common(a, b) switch
    {
        Kind.Int => unchecked(ToInt(a) - ToInt(b)),
        Kind.Long => unchecked(ToLong(a) - ToLong(b)),
        Kind.BigInteger => ToBigInteger(a) - ToBigInteger(b),
        Kind.BigDecimal => ToDecimal(a) - ToDecimal(b),
        _ => ToDouble(a) - ToDouble(b),
    };

    public static object Multiply(object a, object b) => Common(a, b) switch
    {
        Kind.Int => unchecked(ToInt(a) * ToInt(b)),
        Kind.Long => unchecked(ToLong(a) * ToLong(b)),
        Kind.BigInteger => ToBigInteger(a) * ToBigInteger(b),
        Kind.BigDecimal => ToDecimal(a) * ToDecimal(b),
        _ => ToDouble(a) * ToDouble(b),
    };

    /// <summary>Groovy's <c>/</c>: BigDecimal division for integers and BigDecimals (exact when it terminates, else 10 decimals).</summary>
    public static object Divide(object a, object b)
    {
        if (Common(a, b) == Kind.Double)
        {
            return ToDouble(a) / ToDouble(b);
        }

        var left = ToDecimal(a);
        var right = ToDecimal(b);
        if (right == 0)
        {
            throw new DivideByZeroException("Division by zero");
        }

        var quotient = left / right;
        if (quotient * right == left)
        {
            return quotient;
        }

        var scale = Math.Max(Math.Max(Scale(left), Scale(right)), 10);
        return Math.Round(quotient, Math.Min(scale, 28), MidpointRounding.AwayFromZero);
    }

    /// <summary><c>intdiv</c>: integer division truncating toward zero.</summary>
    public static object IntDiv(object a, object b) => Common(a, b) switch
    {
        Kind.Int => ToInt(b) == 0 ? throw new DivideByZeroException("/ by zero") : ToInt(a) / ToInt(b),
        Kind.Long => ToLong(b) == 0 ? throw new DivideByZeroException("/ by zero") : ToLong(a) / ToLong(b),
        _ => ToBigInteger(b).IsZero ? throw new DivideByZeroException("/ by zero") : ToBigInteger(a) / ToBigInteger(b),
    };

    public static object Modulo(object a, object b) => Common(a, b) switch
    {
        Kind.Int => ToInt(b) == 0 ? throw new DivideByZeroException("/ by zero") : ToInt(a) % ToInt(b),
        Kind.Long => ToLong(b) == 0 ? throw new DivideByZeroException("/ by zero") : ToLong(a) % ToLong(b),
        Kind.BigInteger => ToBigInteger(b).IsZero ? throw new DivideByZeroException("/ by zero") : ToBigInteger(a) % ToBigInteger(b),
        Kind.BigDecimal => ToDecimal(b) == 0 ? throw new DivideByZeroException("/ by zero") : ToDecimal(a) % ToDecimal(b),
        _ => ToDouble(a) % ToDouble(b),
    };

    public static object Power(object a, object b)
    {
        var kind = KindOf(a);
        if (IsIntegral(b) && kind <= Kind.BigInteger)
        {
            var exponent = ToBigInteger(b);
            if (exponent.Sign >= 0 && exponent <= 100_000)
            {
                var result = BigInteger.Pow(ToBigInteger(a), (int)exponent);
                return kind == Kind.BigInteger ? result : Narrow(result);
            }
        }

        if (kind == Kind.BigDecimal && b is int n && n >= 0)
        {
            var value = ToDecimal(a);
            var product = 1m;
            for (var i = 0; i < n; i++)
            {
                product *= value;
            }

            return product;
        }

        return Math.Pow(ToDouble(a), ToDouble(b));
    }

    public static object Negate(object a) => KindOf(a) switch
    {
        Kind.Int => unchecked(-ToInt(a)),
        Kind.Long => unchecked(-ToLong(a)),
        Kind.BigInteger => -ToBigInteger(a),
        Kind.BigDecimal => -ToDecimal(a),
        _ => a is float f ? -f : -ToDouble(a),
    };

    public static object Increment(object a, int delta) => Add(a, delta);

    public static int Compare(object a, object b) => Common(a, b) switch
    {
        Kind.Int => ToInt(a).CompareTo(ToInt(b)),
        Kind.Long => ToLong(a).CompareTo(ToLong(b)),
        Kind.BigInteger => ToBigInteger(a).CompareTo(ToBigInteger(b)),
        Kind.BigDecimal => ToDecimal(a).CompareTo(ToDecimal(b)),
        _ => ToDouble(a).CompareTo(ToDouble(b)),
    };

    public static object BitAnd(object a, object b) => Common(a, b) switch
    {
        Kind.Int => ToInt(a) & ToInt(b),
        Kind.Long => ToLong(a) & ToLong(b),
        _ => ToBigInteger(a) & ToBigInteger(b),
    };

    public static object BitOr(object a, object b) => Common(a, b) switch
    {
        Kind.Int => ToInt(a) | ToInt(b),
        Kind.Long => ToLong(a) | ToLong(b),
        _ => ToBigInteger(a) | ToBigInteger(b),
    };

    public static object BitXor(object a, object b) => Common(a, b) switch
    {
        Kind.Int => ToInt(a) ^ ToInt(b),
        Kind.Long => ToLong(a) ^ ToLong(b),
        _ => ToBigInteger(a) ^ ToBigInteger(b),
    };

    public static object BitNot(object a) => KindOf(a) switch
    {
        Kind.Int => ~ToInt(a),
        Kind.Long => ~ToLong(a),
        _ => -ToBigInteger(a) - 1,
    };

    public static object ShiftLeft(object a, object b) => KindOf(a) switch
    {
        Kind.Int => ToInt(a) << ToInt(b),
        Kind.Long => ToLong(a) << ToInt(b),
        _ => ToBigInteger(a) << ToInt(b),
    };

    public static object ShiftRight(object a, object b, bool logical) => KindOf(a) switch
    {
        Kind.Int => logical ? (int)((uint)ToInt(a) >> ToInt(b)) : ToInt(a) >> ToInt(b),
        Kind.Long => logical ? (long)((ulong)ToLong(a) >> ToInt(b)) : ToLong(a) >> ToInt(b),
        _ => ToBigInteger(a) >> ToInt(b),
    };

    public static bool IsZero(object a) => KindOf(a) switch
    {
        Kind.Int => ToInt(a) == 0,
        Kind.Long => ToLong(a) == 0,
        Kind.BigInteger => ToBigInteger(a).IsZero,
        Kind.BigDecimal => ToDecimal(a) == 0,
        _ => ToDouble(a) == 0,
    };

    /// <summary>The smallest of int, long and BigInteger that holds the value.</summary>
    public static object Narrow(BigInteger value) =>
        value >= int.MinValue && value <= int.MaxValue ? (int)value
        : value >= long.MinValue && value <= long.MaxValue ? (long)value
        : value;

    public static int ToInt(object value) => value switch
    {
        int i => i,
        long l => unchecked((int)l),
        BigInteger b => unchecked((int)(long)(b & ulong.MaxValue)),
        decimal d => (int)Math.Truncate(Math.Clamp(d, int.MinValue, int.MaxValue)),
        double d => double.IsNaN(d) ? 0 : (int)Math.Clamp(Math.Truncate(d), int.MinValue, int.MaxValue),
        float f => float.IsNaN(f) ? 0 : (int)Math.Clamp(Math.Truncate(f), int.MinValue, int.MaxValue),
        short s => s,
        byte b => b,
        _ => throw new InvalidCastException($"{value} is not a number"),
    };

    public static long ToLong(object value) => value switch
    {
        int i => i,
        long l => l,
        BigInteger b => unchecked((long)(ulong)(b & ulong.MaxValue)),
        decimal d => (long)Math.Truncate(Math.Clamp(d, long.MinValue, long.MaxValue)),
        double d => double.IsNaN(d) ? 0 : (long)Math.Clamp(Math.Truncate(d), long.MinValue, long.MaxValue),
        float f => float.IsNaN(f) ? 0 : (long)Math.Clamp(Math.Truncate(f), long.MinValue, long.MaxValue),
        short s => s,
        byte b => b,
        _ => throw new InvalidCastException($"{value} is not a number"),
    };

    public static BigInteger ToBigInteger(object value) => value switch
    {
        int i => i,
        long l => l,
        BigInteger b => b,
        decimal d => new BigInteger(Math.Truncate(d)),
        double d => new BigInteger(Math.Truncate(d)),
        float f => new BigInteger(Math.Truncate(f)),
        short s => s,
        byte b => b,
        _ => throw new InvalidCastException($"{value} is not a number"),
    };

    public static decimal ToDecimal(object value) => value switch
    {
        int i => i,
        long l => l,
        BigInteger b => (decimal)b,
        decimal d => d,
        double d => (decimal)d,
        float f => (decimal)f,
        short s => s,
        byte b => b,
        _ => throw new InvalidCastException($"{value} is not a number"),
    };

    public static double ToDouble(object value) => value switch
    {
        int i => i,
        long l => l,
        BigInteger b => (double)b,
        decimal d => (double)d,
        double d => d,
        float f => f,
        short s => s,
        byte b => b,
        _ => throw new InvalidCastException($"{value} is not a number"),
    };

    private static int Scale(decimal value) => (decimal.GetBits(value)[3] >> 16) & 0xFF;

    private static Kind KindOf(object value) => value switch
    {
        int or short or byte => Kind.Int,
        long => Kind.Long,
        BigInteger => Kind.BigInteger,
        decimal => Kind.BigDecimal,
        _ => Kind.Double,
    };

    private static Kind Common(object a, object b)
    {
        var left = KindOf(a);
        var right = KindOf(b);
        return left > right ? left : right;
    }
}
