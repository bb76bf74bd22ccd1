using System.Globalization;
using System.Numerics;
using System.Text.Json;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Json;

/// <summary>
/// groovy.json.JsonSlurper and JsonSlurperClassic: <c>parseText(text)</c> gives maps and lists. Objects
/// are LazyMaps (insertion order) from JsonSlurper and HashMaps (Java's hash order) from the classic one;
/// whole numbers are Integer, Long or BigInteger by size, others BigDecimal.
/// </summary>
public sealed class JsonSlurperValue(bool classic) : IGroovyObject
{
    public const string JsonExceptionClass = "groovy.json.JsonException";

    public bool Classic { get; } = classic;

    public string GroovyClassName => Classic ? "groovy.json.JsonSlurperClassic" : "groovy.json.JsonSlurper";

    public object? GetProperty(string name) => Undefined.Value;

    public bool SetProperty(string name, object? value) => false;

    public ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        var args = arguments.Flatten();
        return name switch
        {
            "parseText" when args.Count == 1 => ValueTask.FromResult(Parse(args[0] is null ? null : GroovyFormat.ToDisplayString(args[0]))),
            "parse" when args.Count == 1 && args[0] is string or GStringValue => throw ScriptErrors.Unsupported($"{GroovyClassName}.parse(String) (Groovy reads it as a file or URL name: use parseText, or readFile then parseText)"),
            "parse" => throw ScriptErrors.Unsupported($"{GroovyClassName}.parse of a file or URL (use readFile, then parseText)"),
            _ => ValueTask.FromResult<object?>(Undefined.Value),
        };
    }

    public object? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw GroovyException.Create(JavaClasses.IllegalArgumentException, "The JSON input text should neither be null nor empty.");
        }

        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 256 });
            return Convert(document.RootElement);
        }
        catch (JsonException e)
        {
            throw GroovyException.Create(JsonExceptionClass, e.Message);
        }
    }

    private object? Convert(JsonElement element)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var entries = new List<KeyValuePair<string, object?>>();
                var positions = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    var value = Convert(property.Value);
                    if (positions.TryGetValue(property.Name, out var at))
                    {
                        entries[at] = new(property.Name, value);
                    }
                    else
                    {
                        positions[property.Name] = entries.Count;
                        entries.Add(new(property.Name, value));
                    }
                }

                var ordered = Classic ? JavaHashMapOrder.Order(entries) : entries;
                return new GroovyMap(ordered.Select(e => new KeyValuePair<object?, object?>(e.Key, e.Value)))
                {
                    JavaClass = Classic ? "java.util.HashMap" : "groovy.json.internal.LazyMap",
                };
            case JsonValueKind.Array:
                return element.EnumerateArray().Select(Convert).ToList();
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return Number(element.GetRawText());
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }

    private static object Number(string text)
    {
        if (text.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
        {
            return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i
                : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? (object)l
                : BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)
            ? d
            : (object)double.Parse(text, CultureInfo.InvariantCulture);
    }
}
