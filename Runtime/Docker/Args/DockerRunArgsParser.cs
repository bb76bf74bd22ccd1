using System.Globalization;

namespace ContainerCd.Runtime.Docker.Args;

/// <summary>
/// Reads the <c>args</c> of a docker agent (or of <c>docker.image(..).inside(args)</c>) as <c>docker run</c>
/// would: long options with <c>--name value</c> or <c>--name=value</c>, short ones with <c>-e value</c>,
/// <c>-evalue</c> or <c>-e=value</c>, and grouped boolean shorthands such as <c>-it</c>. An option docker
/// does not know, or one this provider cannot honour, is an error naming it, never silently dropped.
/// </summary>
internal static class DockerRunArgsParser
{
    private delegate DockerRunOptions Apply(DockerRunOptions options, string value);

    private sealed record Flag(string Long, char? Short, bool TakesValue, Apply Apply);

    private static readonly Flag[] Flags =
    [
        new("volume", 'v', true, (o, v) => o with { Binds = o.Binds.Add(v) }),
        new("mount", null, true, (o, v) => o with { Mounts = o.Mounts.Add(ParseMount(v)) }),
        new("env", 'e', true, (o, v) => o with { Environment = o.Environment.Add(ExpandEnv(v)) }),
        new("env-file", null, true, (o, v) => o with { Environment = o.Environment.AddRange(ReadEnvFile(v)) }),
        new("user", 'u', true, (o, v) => o with { User = v }),
        new("workdir", 'w', true, (o, v) => o with { WorkingDir = v }),
        new("network", null, true, (o, v) => o with { Network = v }),
        new("net", null, true, (o, v) => o with { Network = v }),
        new("network-alias", null, true, (o, v) => o with { NetworkAliases = o.NetworkAliases.Add(v) }),
        new("link", null, true, (o, v) => o with { Links = o.Links.Add(v) }),
        new("hostname", 'h', true, (o, v) => o with { Hostname = v }),
        new("entrypoint", null, true, (o, v) => o with { Entrypoint = v, EntrypointSet = true }),
        new("privileged", null, false, (o, v) => o with { Privileged = ParseBool(v, "privileged") }),
        new("init", null, false, (o, v) => o with { Init = ParseBool(v, "init") }),
        new("add-host", null, true, (o, v) => o with { ExtraHosts = o.ExtraHosts.Add(v) }),
        new("label", 'l', true, (o, v) => o with { Labels = o.Labels.Add(v) }),
        new("memory", 'm', true, (o, v) => o with { MemoryBytes = ParseBytes(v, "memory") }),
        new("memory-swap", null, true, (o, v) => o with { MemorySwapBytes = v == "-1" ? -1 : ParseBytes(v, "memory-swap") }),
        new("memory-reservation", null, true, (o, v) => o with { MemoryReservationBytes = ParseBytes(v, "memory-reservation") }),
        new("shm-size", null, true, (o, v) => o with { ShmSizeBytes = ParseBytes(v, "shm-size") }),
        new("cpus", null, true, (o, v) => o with { NanoCpus = ParseCpus(v) }),
        new("cpu-shares", 'c', true, (o, v) => o with { CpuShares = ParseLong(v, "cpu-shares") }),
        new("cpuset-cpus", null, true, (o, v) => o with { CpusetCpus = v }),
        new("pids-limit", null, true, (o, v) => o with { PidsLimit = ParseLong(v, "pids-limit") }),
        new("cap-add", null, true, (o, v) => o with { CapAdd = o.CapAdd.Add(v) }),
        new("cap-drop", null, true, (o, v) => o with { CapDrop = o.CapDrop.Add(v) }),
        new("device", null, true, (o, v) => o with { Devices = o.Devices.Add(v) }),
        new("dns", null, true, (o, v) => o with { Dns = o.Dns.Add(v) }),
        new("dns-search", null, true, (o, v) => o with { DnsSearch = o.DnsSearch.Add(v) }),
        new("group-add", null, true, (o, v) => o with { GroupAdd = o.GroupAdd.Add(v) }),
        new("security-opt", null, true, (o, v) => o with { SecurityOpt = o.SecurityOpt.Add(v) }),
        new("tmpfs", null, true, (o, v) => o with { Tmpfs = o.Tmpfs.Add(v) }),
        new("ulimit", null, true, (o, v) => o with { Ulimits = o.Ulimits.Add(v) }),
        new("sysctl", null, true, (o, v) => o with { Sysctls = o.Sysctls.Add(v) }),
        new("pid", null, true, (o, v) => o with { Pid = v }),
        new("ipc", null, true, (o, v) => o with { Ipc = v }),
        new("runtime", null, true, (o, v) => o with { Runtime = v }),
        new("platform", null, true, (o, v) => o with { Platform = v }),
        new("name", null, true, (o, v) => o with { Name = v }),
        new("tty", 't', false, (o, _) => o),
        new("interactive", 'i', false, (o, _) => o),
        new("detach", 'd', false, (o, _) => o),
        new("rm", null, false, (o, _) => o),
    ];

    private static readonly Dictionary<string, Flag> ByLong = Flags.ToDictionary(f => f.Long, StringComparer.Ordinal);

    private static readonly Dictionary<char, Flag> ByShort = Flags.Where(f => f.Short is not null).ToDictionary(f => f.Short!.Value);

    /// <summary>Parses <paramref name="args"/>; on failure returns null and a one-line <paramref name="error"/>.</summary>
    public static DockerRunOptions? Parse(string? args, out string? error)
    {
        var words = CommandLineTokenizer.Split(args, out error);
        if (error is not null)
        {
            error = $"Invalid docker args '{args}': {error}";
            return null;
        }

        try
        {
            return ParseWords(words);
        }
        catch (FormatException e)
        {
            error = $"Invalid docker args '{args}': {e.Message}";
            return null;
        }
    }

    private static DockerRunOptions ParseWords(IReadOnlyList<string> words)
    {
        var options = DockerRunOptions.Empty;
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (word.StartsWith("--", StringComparison.Ordinal) && word.Length > 2)
            {
                var equals = word.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? word[2..] : word[2..equals];
                if (!ByLong.TryGetValue(name, out var flag))
                {
                    throw new FormatException($"unknown flag: --{name} (a 'docker run' option this agent does not support)");
                }

                string value;
                if (equals >= 0)
                {
                    value = word[(equals + 1)..];
                }
                else if (flag.TakesValue)
                {
                    value = i + 1 < words.Count ? words[++i] : throw new FormatException($"flag needs an argument: --{name}");
                }
                else
                {
                    value = "true";
                }

                options = flag.Apply(options, value);
            }
            else if (word.StartsWith('-') && word.Length > 1)
            {
                options = ParseShortGroup(options, words, ref i);
            }
            else
            {
                throw new FormatException($"unexpected argument '{word}': args take only 'docker run' options, the image and command are set by the agent");
            }
        }

        return options;
    }

    private static DockerRunOptions ParseShortGroup(DockerRunOptions options, IReadOnlyList<string> words, ref int i)
    {
        var word = words[i];
        for (var j = 1; j < word.Length; j++)
        {
            if (!ByShort.TryGetValue(word[j], out var flag))
            {
                throw new FormatException($"unknown shorthand flag: '{word[j]}' in {word}");
            }

            if (!flag.TakesValue)
            {
                options = flag.Apply(options, "true");
                continue;
            }

            var rest = word[(j + 1)..];
            if (rest.StartsWith('='))
            {
                rest = rest[1..];
            }

            var value = rest.Length > 0 ? rest
                : i + 1 < words.Count ? words[++i]
                : throw new FormatException($"flag needs an argument: '{word[j]}' in -{word[j]}");
            return flag.Apply(options, value);
        }

        return options;
    }

    private static bool ParseBool(string value, string name) => value.ToLowerInvariant() switch
    {
        "true" or "1" or "" => true,
        "false" or "0" => false,
        _ => throw new FormatException($"invalid argument \"{value}\" for --{name}: expected true or false"),
    };

    private static long ParseLong(string value, string name) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"invalid argument \"{value}\" for --{name}: not a number");

    /// <summary>Docker's RAMInBytes: a number with an optional b, k, m, g (or kb, mb, gb) suffix, powers of 1024.</summary>
    internal static long ParseBytes(string value, string name)
    {
        var text = value.Trim().ToLowerInvariant();
        var end = text.Length;
        while (end > 0 && char.IsLetter(text[end - 1]))
        {
            end--;
        }

        long multiplier = text[end..] switch
        {
            "" or "b" => 1,
            "k" or "kb" or "kib" => 1024,
            "m" or "mb" or "mib" => 1024 * 1024,
            "g" or "gb" or "gib" => 1024L * 1024 * 1024,
            "t" or "tb" or "tib" => 1024L * 1024 * 1024 * 1024,
            _ => throw new FormatException($"invalid size \"{value}\" for --{name}"),
        };
        if (!double.TryParse(text[..end], NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || number < 0)
        {
            throw new FormatException($"invalid size \"{value}\" for --{name}");
        }

        return (long)(number * multiplier);
    }

    private static long ParseCpus(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var cpus) && cpus > 0
            ? (long)Math.Round(cpus * 1e9)
            : throw new FormatException($"invalid argument \"{value}\" for --cpus: expected a positive number");

    private static string ExpandEnv(string value)
    {
        // docker run -e NAME (no '=') passes the caller's value, and drops the variable when unset.
        if (value.Contains('=', StringComparison.Ordinal))
        {
            return value;
        }

        var hostValue = System.Environment.GetEnvironmentVariable(value);
        return hostValue is null ? value : $"{value}={hostValue}";
    }

    private static string[] ReadEnvFile(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException e)
        {
            throw new FormatException($"cannot read --env-file {path}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new FormatException($"cannot read --env-file {path}: {e.Message}");
        }

        return lines.Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).Select(ExpandEnv).ToArray();
    }

    private static MountOption ParseMount(string value)
    {
        string type = "volume";
        string? source = null;
        string? target = null;
        var readOnly = false;
        foreach (var part in value.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = (eq < 0 ? part : part[..eq]).Trim().ToLowerInvariant();
            var val = eq < 0 ? null : part[(eq + 1)..];
            switch (key)
            {
                case "type":
                    type = val ?? type;
                    break;
                case "source" or "src":
                    source = val;
                    break;
                case "target" or "destination" or "dst":
                    target = val;
                    break;
                case "readonly" or "ro":
                    readOnly = val is null || ParseBool(val, "mount readonly");
                    break;
                default:
                    throw new FormatException($"unsupported --mount key '{key}' in \"{value}\"");
            }
        }

        if (type is not ("bind" or "volume" or "tmpfs"))
        {
            throw new FormatException($"unsupported --mount type '{type}' in \"{value}\"");
        }

        return target is null
            ? throw new FormatException($"--mount needs a target in \"{value}\"")
            : new MountOption(type, source, target, readOnly);
    }
}
