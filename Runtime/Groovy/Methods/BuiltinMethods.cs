using System.Collections;
using System.Text;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Methods;

/// <summary>
/// The methods of Groovy's built-in values (String, numbers, List, Map, Matcher, Closure and the
/// methods every object has), dispatched by receiver type. Returns <see cref="Undefined.Value"/>
/// for a method the subset does not provide, so the caller reports MissingMethodException.
/// </summary>
public static class BuiltinMethods
{
    public static async ValueTask<object?> InvokeAsync(GroovyInterpreter interpreter, object receiver, string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        var call = new MethodCall(interpreter, arguments, frame, span);
        var result = receiver switch
        {
            string s => await StringMethods.InvokeAsync(s, name, call).ConfigureAwait(false),
            GStringValue g => await StringMethods.InvokeAsync(g.ToString(), name, call).ConfigureAwait(false),
            CallableValue c => await ClosureMethods.InvokeAsync(c, name, call).ConfigureAwait(false),
            GroovyMap m => await MapMethods.InvokeAsync(m, name, call).ConfigureAwait(false),
            IList or RangeValue or GroovySet => await CollectionMethods.InvokeAsync((IEnumerable)receiver, name, call).ConfigureAwait(false),
            MatcherValue m => await MatcherMethods.InvokeAsync(m, name, call).ConfigureAwait(false),
            PatternValue p => PatternMethod(p, name, call),
            MapEntryValue e => name switch
            {
                "getKey" => e.Key,
                "getValue" => e.Value,
                _ => Undefined.Value,
            },
            StringBuilder b => StringBuilderMethod(b, name, call),
            ByteArrayValue bytes => name switch
            {
                "encodeBase64" => Convert.ToBase64String(bytes.Bytes),
                "size" or "length" or "getLength" => bytes.Bytes.Length,
                "encodeHex" => Convert.ToHexStringLower(bytes.Bytes),
                _ => Undefined.Value,
            },
            bool b => name switch
            {
                "booleanValue" => b,
                "and" => b && GroovyTruth.IsTrue(call[0]),
                "or" => b || GroovyTruth.IsTrue(call[0]),
                "xor" => b ^ GroovyTruth.IsTrue(call[0]),
                "compareTo" => b.CompareTo(GroovyTruth.IsTrue(call[0])),
                _ => Undefined.Value,
            },
            _ when NumberMath.IsNumber(receiver) => await NumberMethods.InvokeAsync(receiver, name, call).ConfigureAwait(false),
            _ => Undefined.Value,
        };

        return result is not Undefined ? result : await ObjectMethods.InvokeAsync(receiver, name, call).ConfigureAwait(false);
    }

    private static object? PatternMethod(PatternValue pattern, string name, MethodCall call) => name switch
    {
        "matcher" => new MatcherValue(call.Text(0), pattern.Regex, pattern.Pattern),
        "pattern" or "toString" => pattern.Pattern,
        "split" => new ArrayValue("java.lang.String", StringMethods.JavaSplit(call.Text(0), pattern.Pattern, 0)),
        "isCase" => JavaRegex.CreateWhole(pattern.Pattern).IsMatch(call.Text(0)),
        _ => Undefined.Value,
    };

    private static object? StringBuilderMethod(StringBuilder builder, string name, MethodCall call)
    {
        switch (name)
        {
            case "append" or "leftShift":
                builder.Append(call.Text(0));
                call.CheckLength(builder.Length);
                return builder;
            case "toString":
                return builder.ToString();
            case "length" or "size":
                return builder.Length;
            case "insert":
                builder.Insert(call.IntAt(0), call.Text(1));
                return builder;
            case "reverse":
                var chars = builder.ToString().ToCharArray();
                Array.Reverse(chars);
                builder.Clear().Append(chars);
                return builder;
            case "setLength":
                builder.Length = call.IntAt(0);
                return null;
            case "charAt":
                return builder[call.IntAt(0)].ToString();
            case "deleteCharAt":
                builder.Remove(call.IntAt(0), 1);
                return builder;
            case "isEmpty":
                return builder.Length == 0;
            default:
                return Undefined.Value;
        }
    }
}
