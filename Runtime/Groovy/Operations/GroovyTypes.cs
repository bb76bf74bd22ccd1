using System.Collections;
using System.Numerics;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Operations;

/// <summary>The Java class names of values (for getClass(), messages and <c>instanceof</c>).</summary>
public static class GroovyTypes
{
    public static string ClassName(object? value) => value switch
    {
        null => "null",
        string => "java.lang.String",
        GStringValue => "org.codehaus.groovy.runtime.GStringImpl",
        int => "java.lang.Integer",
        long => "java.lang.Long",
        BigInteger => "java.math.BigInteger",
        decimal => "java.math.BigDecimal",
        double => "java.lang.Double",
        float => "java.lang.Float",
        short => "java.lang.Short",
        byte => "java.lang.Byte",
        bool => "java.lang.Boolean",
        GroovyMap map => map.JavaClass,
        GroovySet => "java.util.LinkedHashSet",
        RangeValue => "groovy.lang.IntRange",
        ArrayValue array => array.ClassName,
        IList => "java.util.ArrayList",
        MapEntryValue => "java.util.LinkedHashMap$Entry",
        ClosureValue => "org.jenkinsci.plugins.workflow.cps.CpsClosure2",
        CallableValue => "org.codehaus.groovy.runtime.MethodClosure",
        PatternValue => "java.util.regex.Pattern",
        MatcherValue => "java.util.regex.Matcher",
        ClassValue => "java.lang.Class",
        ThrowableValue t => t.ClassName,
        IGroovyObject o => o.GroovyClassName,
        System.Text.StringBuilder => "java.lang.StringBuilder",
        _ => value.GetType().Name,
    };

    /// <summary>Whether <paramref name="value"/> is an instance of the type written in the script.</summary>
    public static bool IsInstance(object? value, string typeName)
    {
        if (value is null)
        {
            return false;
        }

        var simple = typeName[(typeName.LastIndexOf('.') + 1)..];
        switch (simple)
        {
            case "Object":
                return true;
            case "String":
                return value is string;
            case "GString":
                return value is GStringValue;
            case "CharSequence":
                return value is string or GStringValue or System.Text.StringBuilder;
            case "Integer" or "int":
                return value is int;
            case "Long" or "long":
                return value is long;
            case "BigInteger":
                return value is BigInteger;
            case "BigDecimal":
                return value is decimal;
            case "Double" or "double":
                return value is double;
            case "Float" or "float":
                return value is float;
            case "Number":
                return NumberMath.IsNumber(value);
            case "Boolean" or "boolean":
                return value is bool;
            case "Map" or "LinkedHashMap" or "HashMap":
                return value is GroovyMap;
            case "List" or "ArrayList":
                return value is IList or RangeValue;
            case "Collection" or "Iterable":
                return value is IList or RangeValue or GroovySet;
            case "Set" or "HashSet" or "LinkedHashSet":
                return value is GroovySet;
            case "Closure":
                return value is CallableValue;
            case "Pattern":
                return value is PatternValue;
            case "Matcher":
                return value is MatcherValue;
            case "Map.Entry" or "Entry":
                return value is MapEntryValue;
        }

        if (value is ThrowableValue throwable)
        {
            return throwable.IsInstanceOf(typeName);
        }

        var className = ClassName(value);
        return className == typeName || className.EndsWith("." + simple, StringComparison.Ordinal);
    }
}
