using System.Collections;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Operations;

/// <summary>
/// Groovy's <c>==</c>: numbers by value across types (1 == 1L == 1.0), strings and GStrings by
/// text, lists element by element, maps entry by entry, otherwise equals().
/// </summary>
public static class GroovyEquality
{
    public static bool AreEqual(object? a, object? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        if (NumberMath.IsNumber(a) && NumberMath.IsNumber(b))
        {
            return NumberMath.Compare(a, b) == 0;
        }

        if (IsText(a) && IsText(b))
        {
            return string.Equals(a.ToString(), b.ToString(), StringComparison.Ordinal);
        }

        switch (a)
        {
            case GroovyMap left when b is GroovyMap right:
                return MapsEqual(left, right);
            case GroovySet left when b is GroovySet right:
                return left.Count == right.Count && left.All(right.Contains);
            case MapEntryValue left when b is MapEntryValue right:
                return AreEqual(left.Key, right.Key) && AreEqual(left.Value, right.Value);
            case IEnumerable left when IsList(a) && IsList(b):
                return SequencesEqual(left, (IEnumerable)b);
            default:
                return a.Equals(b);
        }
    }

    public static int GetHashCode(object? value) => value switch
    {
        null => 0,
        string s => s.GetHashCode(StringComparison.Ordinal),
        GStringValue g => g.ToString().GetHashCode(StringComparison.Ordinal),
        int or long or short or byte => NumberMath.ToLong(value).GetHashCode(),
        decimal d when d == Math.Truncate(d) && Math.Abs(d) < long.MaxValue => ((long)d).GetHashCode(),
        double d when d == Math.Truncate(d) && Math.Abs(d) < long.MaxValue => ((long)d).GetHashCode(),
        float f when f == Math.Truncate(f) && Math.Abs(f) < long.MaxValue => ((long)f).GetHashCode(),
        System.Numerics.BigInteger b when b >= long.MinValue && b <= long.MaxValue => ((long)b).GetHashCode(),
        IList list => list.Count,
        GroovyMap map => map.Count,
        _ => value.GetHashCode(),
    };

    public static bool IsText(object? value) => value is string or GStringValue;

    /// <summary>A Java List: our lists and ranges (sets and maps are not lists).</summary>
    public static bool IsList(object? value) => value is IList or RangeValue;

    private static bool MapsEqual(GroovyMap left, GroovyMap right)
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        foreach (var entry in left)
        {
            if (!right.TryGetValue(entry.Key, out var other) || !AreEqual(entry.Value, other))
            {
                return false;
            }
        }

        return true;
    }

    private static bool SequencesEqual(IEnumerable left, IEnumerable right)
    {
        var a = left.GetEnumerator();
        var b = right.GetEnumerator();
        while (true)
        {
            var hasA = a.MoveNext();
            var hasB = b.MoveNext();
            if (hasA != hasB)
            {
                return false;
            }

            if (!hasA)
            {
                return true;
            }

            if (!AreEqual(a.Current, b.Current))
            {
                return false;
            }
        }
    }
}
