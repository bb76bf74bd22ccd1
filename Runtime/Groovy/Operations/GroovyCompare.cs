namespace ContainerCd.Runtime.Groovy.Operations;

/// <summary>
/// Groovy's <c>&lt;=&gt;</c> and relational operators: numbers by value, strings by UTF-16 code
/// units (Java's compareTo), booleans false before true, null before anything.
/// </summary>
public static class GroovyCompare
{
    public static int Compare(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        if (NumberMath.IsNumber(a) && NumberMath.IsNumber(b))
        {
            return NumberMath.Compare(a, b);
        }

        if (GroovyEquality.IsText(a) && GroovyEquality.IsText(b))
        {
            return Math.Sign(string.CompareOrdinal(a.ToString(), b.ToString()));
        }

        if (a is bool x && b is bool y)
        {
            return x.CompareTo(y);
        }

        if (GroovyEquality.IsText(a) && NumberMath.IsNumber(b) || NumberMath.IsNumber(a) && GroovyEquality.IsText(b))
        {
            // Groovy compares a one-character string with a number by its character code; anything else fails.
            var text = (GroovyEquality.IsText(a) ? a : b).ToString()!;
            if (text.Length == 1)
            {
                var code = (int)text[0];
                return GroovyEquality.IsText(a) ? NumberMath.Compare(code, b) : NumberMath.Compare(a, code);
            }
        }

        if (GroovyEquality.AreEqual(a, b))
        {
            return 0;
        }

        if (a is IComparable comparable && a.GetType() == b.GetType())
        {
            return comparable.CompareTo(b);
        }

        throw new ArgumentException(
            $"Cannot compare {GroovyTypes.ClassName(a)} with value '{GroovyFormat.ToDisplayString(a)}' and {GroovyTypes.ClassName(b)} with value '{GroovyFormat.ToDisplayString(b)}'");
    }
}
