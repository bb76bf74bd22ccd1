using System.Globalization;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Args;
using ContainerCd.Runtime.Docker.Isolated;
using ContainerCd.Runtime.Docker.PassThrough;
using ContainerCd.Runtime.Docker.Ownership;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker;

/// <summary>
/// The container of an agent as <c>docker run</c> would create it from the agent's args: the workspace at
/// the same path and as working directory (and <c>WORKSPACE@tmp</c>, where secret files go, as Jenkins mounts
/// it), the host user, the engine pass-through (this machine's, or a remote node's own), or the build's isolated engine
/// (its socket volume, the static CLI and <c>DOCKER_HOST</c>), limits, and a <c>sh</c> reading its stdin as the command (after
/// the image's ENTRYPOINT, as Jenkins runs <c>cat</c>). Stdin is closed when its one attached client goes
/// (stdin-once) and the container is removed when it stops: see <see cref="OwnerWatchdog"/>.
/// </summary>
internal static class ContainerFactory
{
    public static CreateContainerParameters Create(AgentRequest request, ContainerAgentSpec spec, DockerRunOptions args, string image, string name,
        Dictionary<string, string> labels, DockerAgentOptions options, EnginePassThrough? passThrough, IsolatedEngineAccess? isolated = null,
        WorkspaceVolume? workspaceVolume = null, IReadOnlyList<Mount>? nodeEngine = null)
    {
        foreach (var label in args.Labels)
        {
            var eq = label.IndexOf('=', StringComparison.Ordinal);
            labels.TryAdd(eq < 0 ? label : label[..eq], eq < 0 ? "" : label[(eq + 1)..]);
        }

        var environment = new List<string>();
        environment.AddRange(request.NodeEnvironment.Select(p => $"{p.Key}={p.Value}"));
        environment.AddRange(args.Environment);
        var binds = new List<string>();
        var volumes = new Dictionary<string, EmptyStruct>();
        var mounts = args.Mounts.Select(m => new Mount { Type = m.Type, Source = m.Source, Target = m.Target, ReadOnly = m.ReadOnly }).ToList();
        if (workspaceVolume is null)
        {
            binds.Add($"{request.Workspace}:{request.Workspace}");
            binds.Add($"{TempDirectory(request.Workspace)}:{TempDirectory(request.Workspace)}");
        }
        else
        {
            // A remote node: the workspace and WORKSPACE@tmp are the node's volumes at the same paths, made with the container
            // (labelled: swept with the scope).
            mounts.Add(new Mount { Type = "volume", Source = workspaceVolume.Name, Target = request.Workspace, VolumeOptions = new VolumeOptions { Labels = workspaceVolume.Labels } });
            mounts.Add(new Mount
            {
                Type = "volume", Source = TempVolume(workspaceVolume.Name), Target = TempDirectory(request.Workspace), VolumeOptions = new VolumeOptions { Labels = workspaceVolume.Labels },
            });
        }

        foreach (var bind in args.Binds)
        {
            if (bind.Contains(':', StringComparison.Ordinal))
            {
                binds.Add(bind);
            }
            else
            {
                volumes[bind] = default;
            }
        }

        if (nodeEngine is not null)
        {
            // A remote node's own engine (see Nodes/NodeEngineSocket): its socket, the CLI and the wrapper, from the node.
            mounts.AddRange(nodeEngine);
        }

        if (passThrough is not null || nodeEngine is not null)
        {
            binds.AddRange(passThrough?.Binds() ?? []);
            var stepLabels = labels.Where(p => p.Key.StartsWith("io.containercd.", StringComparison.Ordinal) && p.Key != ResourceLabels.Role).ToDictionary();
            stepLabels[ResourceLabels.Role] = ResourceLabels.StepRole;
            environment.Add($"{EnginePassThrough.LabelsVariable}={EnginePassThrough.LabelsValue(stepLabels)}");
        }

        if (isolated is not null)
        {
            if (isolated.InEngine)
            {
                binds.Add($"{EngineScript.SocketDirectory}:{EngineScript.SocketDirectory}");
            }
            else
            {
                mounts.Add(new Mount { Type = "volume", Source = isolated.Engine.SocketVolume, Target = EngineScript.SocketDirectory });
            }

            environment.Add($"DOCKER_HOST={IsolatedEngine.DockerHost}");
            if (isolated.CliPath is { } cli)
            {
                binds.Add($"{cli}:{EnginePassThrough.ContainerWrapper}:ro");
            }
        }

        var user = args.User ?? (options.RunAsHostUser ? HostUser() : null);
        var host = new HostConfig
        {
            Binds = binds,
            AutoRemove = true,
            Links = [.. args.Links],
            Mounts = mounts,
            NetworkMode = args.Network!,
            Privileged = args.Privileged,
            Init = args.Init,
            ExtraHosts = [.. args.ExtraHosts],
            CapAdd = [.. args.CapAdd],
            CapDrop = [.. args.CapDrop],
            DNS = [.. args.Dns],
            DNSSearch = [.. args.DnsSearch],
            GroupAdd = [.. args.GroupAdd],
            SecurityOpt = [.. args.SecurityOpt],
            Devices = args.Devices.Select(ParseDevice).ToList(),
            Tmpfs = args.Tmpfs.ToDictionary(t => t.Split(':', 2)[0], t => t.Contains(':', StringComparison.Ordinal) ? t.Split(':', 2)[1] : ""),
            Ulimits = args.Ulimits.Select(ParseUlimit).ToList(),
            Sysctls = args.Sysctls.ToDictionary(s => s.Split('=', 2)[0], s => s.Split('=', 2).ElementAtOrDefault(1) ?? ""),
            Memory = args.MemoryBytes ?? spec.MemoryLimitBytes ?? 0,
            MemorySwap = args.MemorySwapBytes ?? 0,
            MemoryReservation = args.MemoryReservationBytes ?? 0,
            NanoCPUs = args.NanoCpus ?? (spec.Cpus is { } cpus ? (long)Math.Round(cpus * 1e9) : 0),
            CPUShares = args.CpuShares ?? 0,
            CpusetCpus = args.CpusetCpus!,
            PidsLimit = args.PidsLimit,
            ShmSize = args.ShmSizeBytes ?? 0,
            PidMode = args.Pid!,
            IpcMode = args.Ipc!,
            Runtime = args.Runtime!,
        };

        return new CreateContainerParameters
        {
            Name = args.Name ?? name,
            Image = image,
            Hostname = args.Hostname!,
            User = user!,
            WorkingDir = args.WorkingDir ?? request.Workspace,
            Env = environment,
            Labels = labels,
            Entrypoint = args.EntrypointSet ? (args.Entrypoint is { Length: > 0 } e ? [e] : [""]) : null!,
            Cmd = ["sh"],
            OpenStdin = true,
            StdinOnce = true,
            AttachStdin = true,
            AttachStdout = true,
            AttachStderr = true,
            Tty = false,
            Volumes = volumes.Count > 0 ? volumes : null!,
            HostConfig = host,
            NetworkingConfig = args.Network is { } network && args.NetworkAliases.Length > 0
                ? new NetworkingConfig { EndpointsConfig = new Dictionary<string, EndpointSettings> { [network] = new() { Aliases = [.. args.NetworkAliases] } } }
                : null!,
            Platform = args.Platform!,
        };
    }

    /// <summary>Jenkins' temporary directory of a workspace (<c>WORKSPACE@tmp</c>), beside it: secret files and registry logins go there.</summary>
    public static string TempDirectory(string workspace) => workspace + "@tmp";

    /// <summary>The volume of a remote node's <c>WORKSPACE@tmp</c>, beside its workspace volume.</summary>
    public static string TempVolume(string workspaceVolume) => workspaceVolume + "-tmp";

    /// <summary>uid:gid of this process, from /proc/self/status (the first, real, ids).</summary>
    internal static string? HostUser()
    {
        try
        {
            string? uid = null;
            string? gid = null;
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("Uid:", StringComparison.Ordinal))
                {
                    uid = line[4..].Split('\t', StringSplitOptions.RemoveEmptyEntries)[0].Trim();
                }
                else if (line.StartsWith("Gid:", StringComparison.Ordinal))
                {
                    gid = line[4..].Split('\t', StringSplitOptions.RemoveEmptyEntries)[0].Trim();
                }
            }

            return uid is null || gid is null ? null : string.Create(CultureInfo.InvariantCulture, $"{uid}:{gid}");
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static DeviceMapping ParseDevice(string device)
    {
        var parts = device.Split(':');
        return new DeviceMapping
        {
            PathOnHost = parts[0],
            PathInContainer = parts.Length > 1 ? parts[1] : parts[0],
            CgroupPermissions = parts.Length > 2 ? parts[2] : "rwm",
        };
    }

    private static Ulimit ParseUlimit(string ulimit)
    {
        var eq = ulimit.IndexOf('=', StringComparison.Ordinal);
        var limits = (eq < 0 ? "" : ulimit[(eq + 1)..]).Split(':');
        var soft = long.Parse(limits[0], CultureInfo.InvariantCulture);
        var hard = limits.Length > 1 ? long.Parse(limits[1], CultureInfo.InvariantCulture) : soft;
        return new Ulimit { Name = eq < 0 ? ulimit : ulimit[..eq], Soft = soft, Hard = hard };
    }
}
