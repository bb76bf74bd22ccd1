using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Images;
using ContainerCd.Runtime.Docker.Nodes;
using ContainerCd.Runtime.Docker.Ownership;
using ContainerCd.Testing.Nodes;
using Docker.DotNet.Models;

/// <summary>
/// Where a remote agent's start goes, against the raw <c>docker -H ... run -d</c>, interleaved: the whole
/// <see cref="RemoteNodeAgentProvider.StartAsync"/> (empty workspace), and the calls it made one by one (the two workspace
/// volumes and the image looked up on the node, which it no longer makes; the image looked up here and on the node,
/// create, attach, start, the probe through the attached shell, the step shell's exec opened beside it), then the raw
/// API's create and start alone (no CLI).
/// </summary>
internal static class RemoteStartBreakdown
{
    private static readonly string[] Parts =
    [
        "raw `docker -H tcp://... run -d busybox sleep` (CLI, baseline)", "raw API create + start (no CLI)", "whole `RemoteNodeAgentProvider.StartAsync`, empty workspace",
        "part (gone: made with the container now): two workspace volumes created, one after the other",
        "part (gone: remembered per node now): image looked up on the node (`IsOnAsync`)", "part: image looked up here, and on the node again unless remembered (`ImageTransfer.EnsureAsync`)",
        "part: container create (volumes mounted)", "part: attach", "part: start", "part: probe through the attached shell", "part: the step shell's exec (create + start)",
    ];

    public static async Task RunAsync(SecondEngine second, DockerEngine local, RemoteNodes nodes, string workspace, int starts, CancellationToken token)
    {
        var node = nodes.Nodes[0].Engine;
        var provider = new RemoteNodeAgentProvider(nodes);
        var image = BaseImages.Busybox;
        var names = Parts.ToDictionary(n => n, _ => new List<double>());
        var rows = names.Values.ToList();
        for (var i = 0; i < starts && !token.IsCancellationRequested; i++)
        {
            string id = "";
            rows[0].Add(await Bench.TimeAsync(async () => id = (await Bench.CliAsync([.. second.TlsCliOptions, "run", "-d", image, "sleep", "600"], token)).Trim()));
            await Bench.CliAsync([.. second.TlsCliOptions, "rm", "-f", id], token);

            rows[1].Add(await Bench.TimeAsync(async () =>
            {
                id = (await node.Client.Containers.CreateContainerAsync(new CreateContainerParameters { Image = image, Cmd = ["sleep", "600"] }, token)).ID;
                await node.Client.Containers.StartContainerAsync(id, new ContainerStartParameters(), token);
            }));
            await node.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, token);

            var request = Bench.Request(workspace);
            IAgent? agent = null;
            rows[2].Add(await Bench.TimeAsync(async () => agent = await provider.StartAsync(request, new Discard(), token)));
            await agent!.DisposeAsync();
            await provider.ReleaseBuildAsync(request.ResourceScope, token);

            var scope = $"bench-start-{Environment.ProcessId}-{i}";
            var labels = ResourceLabels.ForScope(scope, "bench", scope, ResourceLabels.WorkspaceRole);
            var volume = $"containercd-bench-{scope}-ws";
            rows[3].Add(await Bench.TimeAsync(async () =>
            {
                await node.Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = volume, Labels = labels }, token);
                await node.Client.Volumes.CreateAsync(new VolumesCreateParameters { Name = volume + "-tmp", Labels = labels }, token);
            }));
            rows[4].Add(await Bench.TimeAsync(() => ImageTransfer.IsOnAsync(node, image, token)));
            rows[5].Add(await Bench.TimeAsync(() => new ImageTransfer(local, node, "remote-1").EnsureAsync(image, null, new Discard(), token)));
            var parameters = new CreateContainerParameters
            {
                Image = image,
                Cmd = ["sh"],
                OpenStdin = true,
                StdinOnce = true,
                AttachStdin = true,
                AttachStdout = true,
                AttachStderr = true,
                Labels = ResourceLabels.ForScope(scope, "bench", scope, ResourceLabels.AgentRole),
                HostConfig = new HostConfig
                {
                    AutoRemove = true,
                    Mounts =
                    [
                        new Mount { Type = "volume", Source = volume, Target = workspace },
                        new Mount { Type = "volume", Source = volume + "-tmp", Target = workspace + "@tmp" },
                    ],
                },
            };
            rows[6].Add(await Bench.TimeAsync(async () => id = (await node.Client.Containers.CreateContainerAsync(parameters, token)).ID));
            Docker.DotNet.MultiplexedStream? stream = null;
            rows[7].Add(await Bench.TimeAsync(async () => stream = await node.Client.Containers.AttachContainerAsync(id,
                new ContainerAttachParameters { Stream = true, Stdin = true, Stdout = true, Stderr = true }, token)));
            await using (var primary = ContainerCd.Runtime.Docker.Shell.ShellSession.Attach(stream!, "bench-primary"))
            {
                rows[8].Add(await Bench.TimeAsync(() => node.Client.Containers.StartContainerAsync(id, new ContainerStartParameters(), token)));
                rows[9].Add(await Bench.TimeAsync(() => primary.ProbeAsync(token)));
                await using var shell = await Bench.TimeAsync(() => Bench.OpenSessionAsync(node, id, token), rows[10]);
                await node.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true }, token);
            }

            await new ResourceJanitor(node).RemoveBuildAsync(scope, token);
        }

        Console.WriteLine();
        Console.WriteLine($"Remote agent start breakdown: {starts} starts, load average {Bench.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| part | median ms | p90 ms | ratio to baseline |");
        Console.WriteLine("|---|---:|---:|---:|");
        var baseline = Bench.Median(rows[0]);
        foreach (var (name, values) in names)
        {
            Bench.Row(name, values, name.StartsWith("part", StringComparison.Ordinal) ? null : baseline);
        }
    }
}
