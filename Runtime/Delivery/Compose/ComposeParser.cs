using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ContainerCd.Runtime.Delivery.Compose;

/// <summary>
/// Reads a Compose template: YAML with positions, every value interpolated from the build's environment, each key
/// checked against the Compose specification (<see cref="ComposeKeys"/>; <c>x-*</c> extensions are allowed) and
/// every value against its type. Never throws for bad input: the findings are <see cref="ComposeDiagnostic"/>s.
/// </summary>
public sealed partial class ComposeParser
{
    private readonly string _file;
    private readonly Func<string, string?> _environment;
    private readonly List<ComposeDiagnostic> _diagnostics = [];

    private ComposeParser(string file, Func<string, string?> environment)
    {
        _file = file;
        _environment = environment;
    }

    /// <summary>Parses <paramref name="text"/>, reported as <paramref name="file"/>, interpolating from <paramref name="environment"/>.</summary>
    public static ComposeParseResult Parse(string file, string text, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new ComposeParser(file, environment);
        var model = parser.ParseText(text);
        var diagnostics = parser._diagnostics.ToImmutableArray();
        return new ComposeParseResult(diagnostics.Any(d => d.Severity == ComposeSeverity.Error) ? null : model, diagnostics);
    }

    private ComposeFile? ParseText(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            _diagnostics.Add(new ComposeDiagnostic(_file, (int)e.Start.Line, (int)e.Start.Column, ComposeSeverity.Error, "invalid YAML: " + (e.InnerException?.Message ?? e.Message)));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            _diagnostics.Add(new ComposeDiagnostic(_file, 1, 1, ComposeSeverity.Error, "a Compose template is a mapping with a \"services\" key"));
            return null;
        }

        var keys = Keys(root, ComposeKeys.Top, "");
        if (keys.TryGetValue("version", out var version))
        {
            Warning(version.Key, "the attribute `version` is obsolete, it will be ignored");
        }

        var name = keys.TryGetValue("name", out var nameEntry) ? Text(nameEntry.Value, "name") : null;
        var networks = keys.TryGetValue("networks", out var networksEntry) ? TopNetworks(networksEntry.Value) : [];
        var volumes = keys.TryGetValue("volumes", out var volumesEntry) ? TopVolumes(volumesEntry.Value) : [];
        if (!keys.TryGetValue("services", out var servicesEntry) || servicesEntry.Value is not YamlMappingNode services || services.Children.Count == 0)
        {
            Error(keys.TryGetValue("services", out var s) ? s.Value : root, "a Compose template needs \"services\", a mapping of at least one service");
            return null;
        }

        var parsed = new List<ComposeService>();
        foreach (var (key, value) in services.Children)
        {
            var serviceName = ((YamlScalarNode)key).Value ?? "";
            if (serviceName.StartsWith("x-", StringComparison.Ordinal))
            {
                continue;
            }

            if (!ServiceNames().IsMatch(serviceName))
            {
                Error(key, $"invalid service name \"{serviceName}\": letters, digits, '-', '_' and '.', starting with a letter or digit");
                continue;
            }

            if (Service(serviceName, value, networks, volumes) is { } service)
            {
                parsed.Add(service);
            }
        }

        CheckDependencies(services, parsed);
        return new ComposeFile(name, [.. parsed], networks, volumes);
    }

    private void CheckDependencies(YamlMappingNode services, List<ComposeService> parsed)
    {
        var known = parsed.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var service in parsed)
        {
            var node = services.Children[new YamlScalarNode(service.Name)];
            foreach (var dependency in service.DependsOn.Where(d => !known.Contains(d.Service)))
            {
                Error(node, $"service \"{service.Name}\" depends on undefined service \"{dependency.Service}\"");
            }
        }

        var order = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var service in parsed)
        {
            if (HasCycle(service.Name, parsed, [], order))
            {
                Error(services.Children[new YamlScalarNode(service.Name)], $"dependency cycle detected through service \"{service.Name}\"");
                return;
            }
        }
    }

    private static bool HasCycle(string name, List<ComposeService> services, HashSet<string> path, Dictionary<string, int> done)
    {
        if (done.ContainsKey(name))
        {
            return false;
        }

        if (!path.Add(name))
        {
            return true;
        }

        foreach (var dependency in services.FirstOrDefault(s => s.Name == name)?.DependsOn ?? [])
        {
            if (HasCycle(dependency.Service, services, path, done))
            {
                return true;
            }
        }

        path.Remove(name);
        done[name] = done.Count;
        return false;
    }

    private ImmutableArray<ComposeNetwork> TopNetworks(YamlNode node)
    {
        var result = new List<ComposeNetwork>();
        foreach (var (key, value, map) in Entries(node, "networks"))
        {
            var keys = map is null ? [] : Keys(map, ComposeKeys.Network, $"networks.{key}.");
            if (keys.TryGetValue("driver", out var driver) && Text(driver.Value, "driver") is { } d && d != "bridge")
            {
                Error(driver.Value, $"network driver \"{d}\" is not implemented by ContainerCd (only bridge)");
            }

            result.Add(new ComposeNetwork(key, keys.TryGetValue("name", out var name) ? Text(name.Value, "name") : null));
        }

        return [.. result];
    }

    private ImmutableArray<ComposeVolume> TopVolumes(YamlNode node)
    {
        var result = new List<ComposeVolume>();
        foreach (var (key, value, map) in Entries(node, "volumes"))
        {
            var keys = map is null ? [] : Keys(map, ComposeKeys.Volume, $"volumes.{key}.");
            if (keys.TryGetValue("driver", out var driver) && Text(driver.Value, "driver") is { } d && d != "local")
            {
                Error(driver.Value, $"volume driver \"{d}\" is not implemented by ContainerCd (only local)");
            }

            result.Add(new ComposeVolume(key, keys.TryGetValue("name", out var name) ? Text(name.Value, "name") : null));
        }

        return [.. result];
    }

    /// <summary>The entries of a mapping whose values are a mapping or empty (<c>networks: { back: }</c>).</summary>
    private IEnumerable<(string Key, YamlNode Value, YamlMappingNode? Map)> Entries(YamlNode node, string what)
    {
        if (node is not YamlMappingNode mapping)
        {
            if (!IsNull(node))
            {
                Error(node, $"\"{what}\" must be a mapping");
            }

            yield break;
        }

        foreach (var (key, value) in mapping.Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            if (value is YamlMappingNode map)
            {
                yield return (name, value, map);
            }
            else if (IsNull(value))
            {
                yield return (name, value, null);
            }
            else
            {
                Error(value, $"\"{what}.{name}\" must be a mapping or empty");
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial System.Text.RegularExpressions.Regex ServiceNames();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
