using System.Collections;
using System.Globalization;
using System.Numerics;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Operations;

/// <summary>
/// Casts (<c>(int) x</c>, <c>x as List</c>) and the conversion of values assigned to typed
/// variables (<c>String s = 5</c> stores "5"). A value that cannot become the type fails with
/// Groovy's GroovyCastException wording.
/// </summary>
public static class TypeCoercion
{
    public static object? Coerce(object? value, string typeName, int arrayRank, bool explicitAs)
    {
        if (arrayRank > 0)
        {
            return value is null ? null : ToList(value);
        }

        var simple = typeName[(typeName.LastIndexOf('.') + 1)..];
        if (value is null)
        {
            return simple switch
            {
                "boolean" => false,
                "int" or "long" or "short" or "byte" => throw CastError(value, simple),
                "double" or "float" => throw CastError(value, simple),
                _ => null,
            };
        }

        switch (simple)
        {
            case "def" or "Object" or "var":
                return value;
            case "String" or "CharSequence":
                return value is string ? value : GroovyFormat.ToDisplayString(value);
            case "GString":
                return value;
            case "boolean" or "Boolean":
                return explicitAs || value is not bool ? GroovyTruth.IsTrue(value) : value;
            case "int" or "Integer" or "short" or "Short" or "byte" or "Byte":
                return ToNumber(value, simple, explicitAs, v => NumberMath.ToInt(v));
            case "long" or "Long":
                return ToNumber(value, simple, explicitAs, v => NumberMath.ToLong(v));
            case "BigInteger":
                return ToNumber(value, simple, explicitAs, v => NumberMath.ToBigInteger(v));
            case "BigDecimal":
                return ToNumber(value, simple, explicitAs, v => NumberMath.ToDecimal(v));
            case "double" or "Double" or "float" or "Float":
                return ToNumber(value, simple, explicitAs, v => NumberMath.ToDouble(v));
            case "Number":
                return NumberMath.IsNumber(value) ? value : throw CastError(value, simple);
            case "List" or "ArrayList" or "Collection" or "Iterable" or "LinkedList":
                return value is List<object?> && !explicitAs ? value : ToList(value);
            case "Set" or "HashSet" or "LinkedHashSet" or "TreeSet" or "SortedSet":
                return value is GroovySet && !explicitAs ? value : new GroovySet(ToList(value));
            case "Map" or "LinkedHashMap" or "HashMap" or "TreeMap":
                return value is GroovyMap ? value : throw CastError(value, simple);
            case "Closure":
                return value is CallableValue ? value : throw CastError(value, simple);
            case "Pattern":
                return value is PatternValue ? value : new PatternValue(GroovyFormat.ToDisplayString(value));
        }

        if (GroovyTypes.IsInstance(value, typeName))
        {
            return value;
        }

        throw CastError(value, typeName);
    }

    /// <summary>A list made of any iterable value (a string iterates over its characters).</summary>
    public static List<object?> ToList(object? value) => value switch
    {
        null => [],
        string s => [.. s.Select(c => (object?)c.ToString())],
        GStringValue g => [.. g.ToString().Select(c => (object?)c.ToString())],
        GroovyMap map => [.. map.Select(e => (object?)new MapEntryValue(e.Key, e.Value))],
        IEnumerable items => [.. items.Cast<object?>()],
        _ => [value],
    };

    public static InvalidCastException CastError(object? value, string typeName) =>
        new($"Cannot cast object '{GroovyFormat.ToDisplayString(value)}' with class '{GroovyTypes.ClassName(value)}' to class '{QualifiedName(typeName)}'");

    private static object ToNumber(object value, string type, bool explicitAs, Func<object, object> convert)
    {
        if (NumberMath.IsNumber(value))
        {
            return convert(value);
        }

        if (value is bool b && !explicitAs)
        {
            throw CastError(value, type);
        }

        if (GroovyEquality.IsText(value))
        {
            var text = value.ToString()!;
            if (!explicitAs && text.Length == 1 && type is "int" or "Integer")
            {
                return (int)text[0];
            }

            return ParseNumber(text, type) ?? throw new FormatException($"For input string: \"{text}\"");
        }

        throw CastError(value, type);
    }

    /// <summary>Parses text as the named number type (Integer.parseInt, Long.parseLong, new BigDecimal...), null if it is not a number.</summary>
    public static object? ParseNumber(string text, string type)
    {
        var trimmed = text.Trim();
        switch (type)
        {
            case "int" or "Integer" or "short" or "Short" or "byte" or "Byte":
                return int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null;
            case "long" or "Long":
                return long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l : null;
            case "BigInteger":
                return BigInteger.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var big) ? big : null;
            case "BigDecimal":
                return decimal.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;
            default:
                return double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var f) ? f : null;
        }
    }

    private static string QualifiedName(string typeName) => typeName switch
    {
        "String" => "java.lang.String",
        "Integer" or "int" => "java.lang.Integer",
        "Long" or "long" => "java.lang.Long",
        "Boolean" or "boolean" => "java.lang.Boolean",
        "Double" or "double" => "java.lang.Double",
        "List" => "java.util.List",
        "Map" => "java.util.Map",
        "Closure" => "groovy.lang.Closure",
        _ => typeName,
    };
}
