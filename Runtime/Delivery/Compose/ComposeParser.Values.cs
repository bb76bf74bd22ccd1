using System.Collections.Immutable;
using System.Globalization;
using ContainerCd.Runtime.Docker.Args;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ContainerCd.Runtime.Delivery.Compose;

/// <summary>Reading typed values with their positions; each bad one is an error at its line and column.</summary>
public sealed partial class ComposeParser
{
    private void Error(YamlNode node, string message) => Add(node, ComposeSeverity.Error, message);

    private void Warning(YamlNode node, string message) => Add(node, ComposeSeverity.Warning, message);

    private void Add(YamlNode node, ComposeSeverity severity, string message) =>
        _diagnostics.Add(new ComposeDiagnostic(_file, (int)node.Start.Line, (int)node.Start.Column, severity, message));

    /// <summary>
    /// The keys of <paramref name="map"/> that ContainerCd implements. <c>x-*</c> keys are skipped, keys of the
    /// specification it does not implement are errors, unknown keys warnings.
    /// </summary>
    private Dictionary<string, (YamlNode Key, YamlNode Value)> Keys(YamlMappingNode map, ComposeKeys keys, string path)
    {
        var result = new Dictionary<string, (YamlNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                Error(keyNode, $"a key in {keys.Where} must be a string");
                continue;
            }

            if (key.StartsWith("x-", StringComparison.Ordinal))
            {
                continue;
            }

            if (keys.Implemented.Contains(key))
            {
                result[key] = (keyNode, value);
            }
            else if (keys.Specification.Contains(key))
            {
                Error(keyNode, $"`{path}{key}` is not implemented by ContainerCd (it is in the Compose specification, and ignoring it would change what runs)");
            }
            else
            {
                Warning(keyNode, $"unknown key `{path}{key}`: not in the Compose specification for {keys.Where}; ignored");
            }
        }

        return result;
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>A scalar value, interpolated; null (with an error) for anything else.</summary>
    private string? Text(YamlNode node, string what)
    {
        if (node is not YamlScalarNode scalar)
        {
            Error(node, $"\"{what}\" must be a string");
            return null;
        }

        var warnings = new List<string>();
        var value = ComposeInterpolation.Interpolate(scalar.Value ?? "", _environment, warnings, out var error);
        foreach (var warning in warnings)
        {
            Warning(node, warning);
        }

        if (error is not null)
        {
            Error(node, error);
        }

        return value;
    }

    private int? Integer(YamlNode node, string what, int minimum)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum)
        {
            Error(node, $"\"{what}\" must be a whole number of at least {minimum}, not \"{text}\"");
            return null;
        }

        return value;
    }

    private TimeSpan? Duration(YamlNode node, string what)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (!ComposeDuration.TryParse(text, out var duration))
        {
            Error(node, $"\"{what}\" must be a duration such as 10s, 1m30s or 500ms, not \"{text}\"");
            return null;
        }

        return duration;
    }

    private bool? Boolean(YamlNode node, string what)
    {
        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        if (!bool.TryParse(text, out var value))
        {
            Error(node, $"\"{what}\" must be true or false, not \"{text}\"");
            return null;
        }

        return value;
    }

    /// <summary>A command: a list of words, or a string split as a shell would (Compose's own rule).</summary>
    private ImmutableArray<string>? Words(YamlNode node, string what)
    {
        if (node is YamlSequenceNode sequence)
        {
            var words = sequence.Children.Select(child => Text(child, what)).ToList();
            return words.Any(w => w is null) ? null : [.. words!];
        }

        var text = Text(node, what);
        if (text is null)
        {
            return null;
        }

        var split = CommandLineTokenizer.Split(text, out var error);
        if (error is not null)
        {
            Error(node, $"\"{what}\": {error}");
            return null;
        }

        return [.. split];
    }

    /// <summary>A list of strings (a single string counts as a list of one when <paramref name="single"/>).</summary>
    private List<(YamlNode Node, string Value)> List(YamlNode node, string what, bool single = false)
    {
        if (node is YamlSequenceNode sequence)
        {
            return [.. sequence.Children.Select(child => (child, Text(child, what))).Where(p => p.Item2 is not null).Select(p => (p.child, p.Item2!))];
        }

        if (single && node is YamlScalarNode && Text(node, what) is { } one)
        {
            return [(node, one)];
        }

        Error(node, $"\"{what}\" must be a list");
        return [];
    }

    /// <summary>
    /// <c>environment</c>, <c>labels</c>, <c>args</c>: a mapping, or a list of <c>KEY=VALUE</c>. A key without a value
    /// (<c>- KEY</c>, <c>KEY:</c>) takes the build's value, and is left out when the build has none.
    /// </summary>
    private ImmutableArray<KeyValuePair<string, string>> Pairs(YamlNode node, string what)
    {
        var result = new List<KeyValuePair<string, string>>();
        void Put(string key, string? value)
        {
            result.RemoveAll(p => p.Key == key);
            if ((value ?? _environment(key)) is { } resolved)
            {
                result.Add(new(key, resolved));
            }
        }

        if (node is YamlMappingNode map)
        {
            foreach (var (key, value) in map.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? "";
                Put(name, IsNull(value) ? null : Text(value, $"{what}.{name}") ?? "");
            }
        }
        else if (node is YamlSequenceNode)
        {
            foreach (var (item, text) in List(node, what))
            {
                var eq = text.IndexOf('=', StringComparison.Ordinal);
                if (eq == 0)
                {
                    Error(item, $"\"{what}\": \"{text}\" has no name before '='");
                    continue;
                }

                Put(eq < 0 ? text : text[..eq], eq < 0 ? null : text[(eq + 1)..]);
            }
        }
        else if (!IsNull(node))
        {
            Error(node, $"\"{what}\" must be a mapping or a list of KEY=VALUE");
        }

        return [.. result];
    }
}
