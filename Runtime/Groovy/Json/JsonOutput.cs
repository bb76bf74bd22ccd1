using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Time;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Json;

/// <summary>
/// groovy.json.JsonOutput as Groovy writes it: <c>toJson</c> with no spaces, strings escaped as CharBuf
/// does (quote, backslash, control characters, and every character above 126 as a lowercase \u escape;
/// the solidus is not escaped), dates as <c>yyyy-MM-dd'T'HH:mm:ssZ</c> in GMT; <c>prettyPrint</c> re-lays a
/// payload token by token with four-space indents and <c>": "</c> after keys.
/// </summary>
public static class JsonOutput
{
    public static string ToJson(object? value)
    {
        var text = new StringBuilder();
        Write(value, text);
        return text.ToString();
    }

    public static string PrettyPrint(string payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var output = new StringBuilder(payload.Length + (payload.Length / 5));
        var indent = 0;
        foreach (var (kind, text) in JsonTokens.Read(payload))
        {
            switch (kind)
            {
                case '{' or '[':
                    indent += 4;
                    output.Append(kind).Append('\n').Append(' ', indent);
                    break;
                case '}' or ']':
                    output.Append('\n');
                    indent -= 4;
                    if (indent > 0)
                    {
                        output.Append(' ', indent);
                    }

                    output.Append(kind);
                    break;
                case ',':
                    output.Append(",\n").Append(' ', indent);
                    break;
                case ':':
                    output.Append(": ");
                    break;
                case '"':
                    WriteString(text, output);
                    break;
                default:
                    output.Append(text);
                    break;
            }
        }

        return output.ToString();
    }

    private static void Write(object? value, StringBuilder output)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (value)
        {
            case null:
                output.Append("null");
                break;
            case string or GStringValue or StringBuilder:
                WriteString(value.ToString()!, output);
                break;
            case char c:
                WriteString(c.ToString(), output);
                break;
            case bool b:
                output.Append(b ? "true" : "false");
                break;
            case double d when double.IsNaN(d) || double.IsInfinity(d):
                throw GroovyException.Create(JsonSlurperValue.JsonExceptionClass, $"Number {GroovyFormat.ToDisplayString(d)} can't be serialized as JSON: {(double.IsNaN(d) ? "NaN are" : "infinite are")} not allowed in JSON.");
            case float f when float.IsNaN(f) || float.IsInfinity(f):
                throw GroovyException.Create(JsonSlurperValue.JsonExceptionClass, $"Number {GroovyFormat.ToDisplayString(f)} can't be serialized as JSON: {(float.IsNaN(f) ? "NaN are" : "infinite are")} not allowed in JSON.");
            case int or long or short or byte or BigInteger or decimal or double or float:
                output.Append(GroovyFormat.ToDisplayString(value));
                break;
            case DateValue date:
                output.Append('"').Append(JavaDateFormat.Format(date.Instant, "yyyy-MM-dd'T'HH:mm:ssZ", TimeZoneValue.Gmt)).Append('"');
                break;
            case GroovyMap map:
                WriteMap(map, output);
                break;
            case IEnumerable items:
                WriteItems(items, output);
                break;
            default:
                throw ScriptErrors.Unsupported($"JsonOutput.toJson of a {GroovyTypes.ClassName(value)} (give it maps, lists, strings, numbers, booleans or dates)");
        }
    }

    private static void WriteMap(GroovyMap map, StringBuilder output)
    {
        if (map.Count == 0)
        {
            output.Append("{}");
            return;
        }

        output.Append('{');
        var first = true;
        foreach (var (key, value) in map)
        {
            if (key is null)
            {
                throw GroovyException.Create(JavaClasses.IllegalArgumentException, "Maps with null keys can't be converted to JSON");
            }

            if (!first)
            {
                output.Append(',');
            }

            first = false;
            WriteString(GroovyFormat.ToDisplayString(key), output);
            output.Append(':');
            Write(value, output);
        }

        output.Append('}');
    }

    private static void WriteItems(IEnumerable items, StringBuilder output)
    {
        output.Append('[');
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                output.Append(',');
            }

            first = false;
            Write(item, output);
        }

        output.Append(']');
    }

    /// <summary>A quoted string escaped as Groovy's CharBuf.addJsonEscapedString does.</summary>
    private static void WriteString(string text, StringBuilder output)
    {
        output.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    output.Append("\\\"");
                    break;
                case '\\':
                    output.Append("\\\\");
                    break;
                case '\b':
                    output.Append("\\b");
                    break;
                case '\f':
                    output.Append("\\f");
                    break;
                case '\n':
                    output.Append("\\n");
                    break;
                case '\r':
                    output.Append("\\r");
                    break;
                case '\t':
                    output.Append("\\t");
                    break;
                case < ' ' or > '~':
                    output.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }

        output.Append('"');
    }
}
