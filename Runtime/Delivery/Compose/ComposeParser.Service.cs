using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ContainerCd.Runtime.Delivery.Compose;

/// <summary>A service's keys.</summary>
public sealed partial class ComposeParser
{
    private static readonly string[] RestartPolicies = ["no", "always", "on-failure", "unless-stopped"];

    private ComposeService? Service(string name, YamlNode node, ImmutableArray<ComposeNetwork> networks, ImmutableArray<ComposeVolume> volumes)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, $"service \"{name}\" must be a mapping");
            return null;
        }

        var errors = _diagnostics.Count(d => d.Severity == ComposeSeverity.Error);
        var path = $"services.{name}.";
        var keys = Keys(map, ComposeKeys.Service, path);
        YamlNode? Value(string key) => keys.TryGetValue(key, out var entry) ? entry.Value : null;

        var image = Value("image") is { } imageNode ? Text(imageNode, path + "image") : null;
        var build = Value("build") is { } buildNode ? Build(buildNode, path + "build") : null;
        if (image is null && build is null && !keys.ContainsKey("image") && !keys.ContainsKey("build"))
        {
            Error(map, $"service \"{name}\" has neither an image nor a build context specified");
        }

        var restart = Value("restart") is { } restartNode ? Text(restartNode, path + "restart") : null;
        if (restart is not null && !RestartPolicies.Contains(restart) && !(restart.StartsWith("on-failure:", StringComparison.Ordinal) && uint.TryParse(restart[11..], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            Error(Value("restart")!, $"invalid restart policy \"{restart}\" (no, always, on-failure[:N], unless-stopped)");
        }

        if (Value("expose") is { } expose)
        {
            List(expose, path + "expose");
        }

        var service = new ComposeService(
            name,
            image,
            build,
            Value("command") is { } command ? Words(command, path + "command") : null,
            Value("entrypoint") is { } entrypoint ? Words(entrypoint, path + "entrypoint") : null,
            Value("environment") is { } environment ? Pairs(environment, path + "environment") : [],
            Value("ports") is { } ports ? Ports(ports, path + "ports") : [],
            Value("healthcheck") is { } healthcheck ? Healthcheck(healthcheck, path + "healthcheck") : null,
            Value("depends_on") is { } dependsOn ? DependsOn(dependsOn, path + "depends_on") : [],
            Value("networks") is { } serviceNetworks ? Networks(serviceNetworks, path + "networks", networks) : [new ServiceNetwork("default", [])],
            Value("volumes") is { } serviceVolumes ? Volumes(serviceVolumes, path + "volumes", volumes) : [],
            Value("labels") is { } labels ? Pairs(labels, path + "labels").ToImmutableDictionary(StringComparer.Ordinal) : ImmutableDictionary<string, string>.Empty,
            restart,
            Value("working_dir") is { } workingDir ? Text(workingDir, path + "working_dir") : null,
            Value("user") is { } user ? Text(user, path + "user") : null,
            Value("deploy") is { } deploy ? Deploy(deploy, path + "deploy") : DeployConfig.Default);
        return _diagnostics.Count(d => d.Severity == ComposeSeverity.Error) > errors ? null : service;
    }

    private ServiceBuild? Build(YamlNode node, string path)
    {
        if (node is YamlScalarNode)
        {
            return Text(node, path) is { } directory ? new ServiceBuild(directory, null, ImmutableDictionary<string, string>.Empty) : null;
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, $"\"{path}\" must be a context directory or a mapping");
            return null;
        }

        var keys = Keys(map, ComposeKeys.Build, path + ".");
        return new ServiceBuild(
            keys.TryGetValue("context", out var context) ? Text(context.Value, path + ".context") ?? "." : ".",
            keys.TryGetValue("dockerfile", out var dockerfile) ? Text(dockerfile.Value, path + ".dockerfile") : null,
            keys.TryGetValue("args", out var args) ? Pairs(args.Value, path + ".args").ToImmutableDictionary(StringComparer.Ordinal) : ImmutableDictionary<string, string>.Empty);
    }

    private ImmutableArray<PortMapping> Ports(YamlNode node, string path)
    {
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"\"{path}\" must be a list");
            return [];
        }

        var result = new List<PortMapping>();
        foreach (var item in sequence.Children)
        {
            var port = item is YamlMappingNode map ? LongPort(map, path) : ShortPort(item, path);
            if (port is not null)
            {
                result.Add(port);
            }
        }

        return [.. result];
    }

    /// <summary><c>"8080"</c>, <c>"18080:8080"</c>, <c>"127.0.0.1:18080:8080"</c>, each optionally <c>/tcp</c>.</summary>
    private PortMapping? ShortPort(YamlNode node, string path)
    {
        var text = Text(node, path);
        if (text is null)
        {
            return null;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0 && text[(slash + 1)..] != "tcp")
        {
            Error(node, $"port \"{text}\": protocol \"{text[(slash + 1)..]}\" is not implemented by ContainerCd (its router carries HTTP over tcp)");
            return null;
        }

        var parts = (slash >= 0 ? text[..slash] : text).Split(':');
        var host = parts.Length == 3 ? parts[0] : null;
        var published = parts.Length >= 2 ? parts[^2] : null;
        if (parts.Length > 3 || !TryPort(parts[^1], out var target) || (published is not null && !TryPort(published, out _)))
        {
            Error(node, $"invalid port \"{text}\": expected [[HOST_IP:]PUBLISHED:]TARGET with ports from 1 to 65535 (ranges are not implemented)");
            return null;
        }

        return new PortMapping(string.IsNullOrEmpty(host) ? DefaultHostIp : host, published is null ? null : int.Parse(published, CultureInfo.InvariantCulture), target);
    }

    private PortMapping? LongPort(YamlMappingNode map, string path)
    {
        var keys = Keys(map, ComposeKeys.Port, path + "[].");
        if (keys.TryGetValue("protocol", out var protocol) && Text(protocol.Value, "protocol") is { } p && p != "tcp")
        {
            Error(protocol.Value, $"protocol \"{p}\" is not implemented by ContainerCd (its router carries HTTP over tcp)");
        }

        if (!keys.TryGetValue("target", out var targetEntry))
        {
            Error(map, "a port needs its \"target\"");
            return null;
        }

        var target = Integer(targetEntry.Value, "target", 1);
        int? published = keys.TryGetValue("published", out var publishedEntry) ? Integer(publishedEntry.Value, "published", 1) : null;
        var host = keys.TryGetValue("host_ip", out var hostEntry) ? Text(hostEntry.Value, "host_ip") : null;
        return target is null || target > 65535 || published > 65535 ? null : new PortMapping(host ?? DefaultHostIp, published, target.Value);
    }

    /// <summary>The address the router listens on when a port names none: loopback, as ContainerCd publishes nothing beyond the machine unless told.</summary>
    public const string DefaultHostIp = "127.0.0.1";

    private static bool TryPort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535;

    private ComposeHealthcheck? Healthcheck(YamlNode node, string path)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, $"\"{path}\" must be a mapping");
            return null;
        }

        var keys = Keys(map, ComposeKeys.Healthcheck, path + ".");
        if (keys.TryGetValue("disable", out var disable) && Boolean(disable.Value, path + ".disable") == true)
        {
            return new ComposeHealthcheck(["NONE"], null, null, null, null, null);
        }

        ImmutableArray<string> test = [];
        if (keys.TryGetValue("test", out var testEntry))
        {
            if (testEntry.Value is YamlSequenceNode)
            {
                test = [.. List(testEntry.Value, path + ".test").Select(p => p.Value)];
                if (test.Length == 0 || test[0] is not ("CMD" or "CMD-SHELL" or "NONE"))
                {
                    Error(testEntry.Value, $"\"{path}.test\" as a list starts with CMD, CMD-SHELL or NONE");
                }
            }
            else if (Text(testEntry.Value, path + ".test") is { } shell)
            {
                test = ["CMD-SHELL", shell];
            }
        }

        return new ComposeHealthcheck(
            test,
            keys.TryGetValue("interval", out var interval) ? Duration(interval.Value, path + ".interval") : null,
            keys.TryGetValue("timeout", out var timeout) ? Duration(timeout.Value, path + ".timeout") : null,
            keys.TryGetValue("retries", out var retries) ? Integer(retries.Value, path + ".retries", 1) : null,
            keys.TryGetValue("start_period", out var startPeriod) ? Duration(startPeriod.Value, path + ".start_period") : null,
            keys.TryGetValue("start_interval", out var startInterval) ? Duration(startInterval.Value, path + ".start_interval") : null);
    }

    private ImmutableArray<ServiceDependency> DependsOn(YamlNode node, string path)
    {
        if (node is YamlSequenceNode)
        {
            return [.. List(node, path).Select(p => new ServiceDependency(p.Value, DependencyCondition.Started))];
        }

        if (node is not YamlMappingNode map)
        {
            Error(node, $"\"{path}\" must be a list of services or a mapping");
            return [];
        }

        var result = new List<ServiceDependency>();
        foreach (var (key, value) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            var condition = DependencyCondition.Started;
            if (value is YamlMappingNode details)
            {
                var keys = Keys(details, ComposeKeys.Dependency, $"{path}.{name}.");
                if (keys.TryGetValue("required", out var required) && Boolean(required.Value, "required") == false)
                {
                    Error(required.Value, "`required: false` is not implemented by ContainerCd: every dependency is required");
                }

                if (keys.TryGetValue("condition", out var conditionEntry))
                {
                    switch (Text(conditionEntry.Value, "condition"))
                    {
                        case "service_started":
                            break;
                        case "service_healthy":
                            condition = DependencyCondition.Healthy;
                            break;
                        case "service_completed_successfully":
                            Error(conditionEntry.Value, "condition \"service_completed_successfully\" is not implemented by ContainerCd (service_started and service_healthy are)");
                            break;
                        case { } other:
                            Error(conditionEntry.Value, $"invalid depends_on condition \"{other}\" (service_started, service_healthy or service_completed_successfully)");
                            break;
                    }
                }
            }
            else if (!IsNull(value))
            {
                Error(value, $"\"{path}.{name}\" must be a mapping");
            }

            result.Add(new ServiceDependency(name, condition));
        }

        return [.. result];
    }

    private ImmutableArray<ServiceNetwork> Networks(YamlNode node, string path, ImmutableArray<ComposeNetwork> declared)
    {
        var result = new List<ServiceNetwork>();
        void Check(YamlNode at, string name)
        {
            if (name != "default" && !declared.Any(n => n.Key == name))
            {
                Error(at, $"service refers to undefined network {name}: invalid compose project");
            }
        }

        if (node is YamlSequenceNode)
        {
            foreach (var (item, name) in List(node, path))
            {
                Check(item, name);
                result.Add(new ServiceNetwork(name, []));
            }
        }
        else
        {
            foreach (var (name, value, map) in Entries(node, path))
            {
                Check(value, name);
                var keys = map is null ? [] : Keys(map, ComposeKeys.ServiceNetwork, $"{path}.{name}.");
                var aliases = keys.TryGetValue("aliases", out var aliasEntry) ? List(aliasEntry.Value, "aliases").Select(p => p.Value).ToImmutableArray() : [];
                result.Add(new ServiceNetwork(name, aliases));
            }
        }

        return result.Count == 0 ? [new ServiceNetwork("default", [])] : [.. result];
    }

    private ImmutableArray<VolumeMount> Volumes(YamlNode node, string path, ImmutableArray<ComposeVolume> declared)
    {
        if (node is not YamlSequenceNode sequence)
        {
            Error(node, $"\"{path}\" must be a list");
            return [];
        }

        var result = new List<VolumeMount>();
        foreach (var item in sequence.Children)
        {
            string? source = null, target = null;
            var readOnly = false;
            if (item is YamlMappingNode map)
            {
                var keys = Keys(map, ComposeKeys.VolumeMount, path + "[].");
                if (keys.TryGetValue("type", out var type) && Text(type.Value, "type") is { } t && t != "volume")
                {
                    Error(type.Value, $"volume type \"{t}\" is not implemented by ContainerCd (named volumes are)");
                    continue;
                }

                source = keys.TryGetValue("source", out var s) ? Text(s.Value, "source") : null;
                target = keys.TryGetValue("target", out var tg) ? Text(tg.Value, "target") : null;
                readOnly = keys.TryGetValue("read_only", out var ro) && Boolean(ro.Value, "read_only") == true;
            }
            else if (Text(item, path) is { } text)
            {
                var parts = text.Split(':');
                if (parts.Length is < 2 or > 3 || (parts.Length == 3 && parts[2] is not ("ro" or "rw")))
                {
                    Error(item, $"volume \"{text}\": expected VOLUME:CONTAINER_PATH[:ro] (anonymous volumes are not implemented by ContainerCd)");
                    continue;
                }

                (source, target, readOnly) = (parts[0], parts[1], parts.Length == 3 && parts[2] == "ro");
            }

            if (source is null || target is null || !target.StartsWith('/'))
            {
                Error(item, "a volume needs a named volume as its source and an absolute container path as its target");
            }
            else if (source.StartsWith('.') || source.StartsWith('/') || source.StartsWith('~'))
            {
                Error(item, $"bind mount \"{source}\" is not implemented by ContainerCd: deployed services use named volumes (a deployment outlives the workspace)");
            }
            else if (!declared.Any(v => v.Key == source))
            {
                Error(item, $"service refers to undefined volume {source}: invalid compose project");
            }
            else
            {
                result.Add(new VolumeMount(source, target, readOnly));
            }
        }

        return [.. result];
    }
}
