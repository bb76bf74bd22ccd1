using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using YamlDotNet.RepresentationModel;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>The pipeline-utility steps for data files: readJSON, writeJSON, readYaml, writeYaml, readProperties.</summary>
internal static class DataSteps
{
    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("readJSON", ReadJsonAsync);
        yield return new DelegateStep("writeJSON", WriteJsonAsync);
        yield return new DelegateStep("readYaml", ReadYamlAsync);
        yield return new DelegateStep("writeYaml", WriteYamlAsync);
        yield return new DelegateStep("readProperties", ReadPropertiesAsync);
    }

    private static async ValueTask<string> SourceTextAsync(StepContext context)
    {
        if (context.Text("text", int.MaxValue) is { } text)
        {
            return text;
        }

        var file = context.Text("file", int.MaxValue) ?? throw context.Abort($"{context.Step.Name} needs file or text");
        var path = context.ResolvePath(file);
        if (!File.Exists(path))
        {
            throw context.Abort($"{file} does not exist.");
        }

        return await File.ReadAllTextAsync(path, context.CancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<object?> ReadJsonAsync(StepContext context)
    {
        var text = await SourceTextAsync(context).ConfigureAwait(false);
        try
        {
            return FromJson(JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }));
        }
        catch (JsonException e)
        {
            throw context.Abort("net.sf.json.JSONException: " + e.Message);
        }
    }

    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => new GroovyMap(o.Select(p => new KeyValuePair<object?, object?>(p.Key, FromJson(p.Value)))),
        JsonArray a => a.Select(FromJson).ToList(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => NumberOf(v.ToJsonString()),
            _ => null,
        },
        _ => null,
    };

    private static object NumberOf(string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l
        : decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d
        : double.Parse(text, CultureInfo.InvariantCulture);

    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        GroovyMap map => new JsonObject(map.Select(e => new KeyValuePair<string, JsonNode?>(GroovyFormat.ToDisplayString(e.Key), ToJson(e.Value)))),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        decimal d => JsonValue.Create(d),
        double d => JsonValue.Create(d),
        float f => JsonValue.Create(f),
        string or GStringValue => JsonValue.Create(value.ToString()),
        IEnumerable items => new JsonArray([.. items.Cast<object?>().Select(ToJson)]),
        _ => JsonValue.Create(GroovyFormat.ToDisplayString(value)),
    };

    private static async ValueTask<object?> WriteJsonAsync(StepContext context)
    {
        var path = context.ResolvePath(context.RequiredString("file"));
        var pretty = context.Number("pretty", int.MaxValue) is > 0;
        var json = context.Argument("json", int.MaxValue);
        var text = json is string s ? s : ToJson(json)?.ToJsonString(new JsonSerializerOptions { WriteIndented = pretty }) ?? "null";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false), context.CancellationToken).ConfigureAwait(false);
        return null;
    }

    private static async ValueTask<object?> ReadYamlAsync(StepContext context)
    {
        var text = await SourceTextAsync(context).ConfigureAwait(false);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw context.Abort("Cannot read YAML: " + e.Message);
        }

        var documents = stream.Documents.Select(d => FromYaml(d.RootNode)).ToList();
        return documents.Count == 1 ? documents[0] : documents.Count == 0 ? null : documents;
    }

    private static object? FromYaml(YamlNode node) => node switch
    {
        YamlMappingNode map => new GroovyMap(map.Children.Select(e => new KeyValuePair<object?, object?>(FromYaml(e.Key), FromYaml(e.Value)))),
        YamlSequenceNode sequence => sequence.Children.Select(FromYaml).ToList(),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static object? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value;
        if (scalar.Style is YamlDotNet.Core.ScalarStyle.SingleQuoted or YamlDotNet.Core.ScalarStyle.DoubleQuoted)
        {
            return value;
        }

        return value switch
        {
            null or "~" or "null" or "Null" or "NULL" or "" => null,
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
            _ when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
            _ when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && value.Any(char.IsDigit) => d,
            _ => value,
        };
    }

    private static async ValueTask<object?> WriteYamlAsync(StepContext context)
    {
        var path = context.ResolvePath(context.RequiredString("file"));
        var data = context.Argument("data", int.MaxValue);
        var serializer = new YamlDotNet.Serialization.SerializerBuilder().Build();
        var text = serializer.Serialize(ToPlain(data));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false), context.CancellationToken).ConfigureAwait(false);
        return null;
    }

    private static object? ToPlain(object? value) => value switch
    {
        GroovyMap map => map.ToDictionary(e => GroovyFormat.ToDisplayString(e.Key), e => ToPlain(e.Value)),
        GStringValue g => g.ToString(),
        string => value,
        IEnumerable items => items.Cast<object?>().Select(ToPlain).ToList(),
        _ => value,
    };

    private static async ValueTask<object?> ReadPropertiesAsync(StepContext context)
    {
        var text = context.Text("text", int.MaxValue) is null && context.Text("file", int.MaxValue) is null ? string.Empty : await SourceTextAsync(context).ConfigureAwait(false);
        var result = context.Argument("defaults", int.MaxValue) is GroovyMap defaults ? defaults.Copy() : new GroovyMap();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or '!')
            {
                continue;
            }

            var separator = line.IndexOfAny(['=', ':']);
            var key = separator < 0 ? line : line[..separator].Trim();
            var value = separator < 0 ? string.Empty : line[(separator + 1)..].Trim();
            result[key] = value;
        }

        return result;
    }
}
