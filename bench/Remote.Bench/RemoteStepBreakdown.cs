using System.Globalization;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Nodes;
using Docker.DotNet.Models;

/// <summary>
/// Where one <c>sh 'true'</c> step's time goes on a remote node whose workspace holds FILES unchanged files, each part
/// measured on the same agent in the same run, interleaved: the whole step (<see cref="RemoteNodeAgent.ExecuteAsync"/>:
/// nothing said changed here, so no push, and no pull until this side reads the files); what a sync costs when one is
/// needed: the push alone (the mirror's local scan and compare) and its scan; the step through the node container's
/// attached shell over TLS (no mirror); a bare round trip through a session of the bench's own; a pull (the listing's
/// round trip, parse, compare), that listing's round trip and its parse; one archive GET and PUT of a small file; and, in
/// the container with no transport, the listing's parts, each run in a loop by one shell (the loop's cost subtracted).
/// </summary>
internal static class RemoteStepBreakdown
{
    private const int InContainerLoops = 20;

    private static readonly string[] Parts =
    [
        "whole step, `RemoteNodeAgent.ExecuteAsync` (no push or pull needed)", "push alone (unchanged: local scan and compare)", "local scan alone (`LocalStamp.Scan`)",
        "the step through the node container's shell (`DockerAgent.ExecuteAsync`, no mirror)", "bare round trip through a session over TLS (marker only)",
        "pull alone (the listing's own round trip, parse, compare)", "the listing through the container's shell (its own round trip)", "the listing's parse (`NodeListing.Parse`)",
        "archive GET of one small file (`GET /containers/{id}/archive`)", "archive PUT of one small file (`PUT /containers/{id}/archive`)",
    ];

    public static async Task RunAsync(DockerEngine node, RemoteNodeAgent agent, string workspace, int steps, CancellationToken token)
    {
        var discard = new Discard();
        var command = new ShellCommand("true", workspace, new Dictionary<string, string>(), false);
        var listing = NodeListing.Script(ContainerFactory.TempDirectory(workspace));
        var listCommand = new ShellCommand(listing, workspace, new Dictionary<string, string>(), CaptureStdout: true);
        await using var session = await Bench.OpenSessionAsync(node, agent.ContainerId, token);
        await session.ProbeAsync(token);
        var format = "'%f %s %y %z %n'";
        var inContainer = new Dictionary<string, string>
        {
            ["the listing's text (marker, `TZ=UTC0 find . -exec stat`)"] = listing,
            ["`find . -mindepth 1` alone"] = "find . -mindepth 1",
            [$"`find . -mindepth 1 -exec stat -c {format} {{}} +` (the zone looked up per time)"] = $"find . -mindepth 1 -exec stat -c {format} {{}} +",
        };
        var parts = Parts.ToDictionary(p => p, _ => new List<double>());
        var inContainerTimes = inContainer.Keys.ToDictionary(k => k, _ => new List<double>());
        var listingBytes = 0;
        for (var i = 0; i < steps && !token.IsCancellationRequested; i++)
        {
            var at = 0;
            var names = parts.Keys.ToList();
            parts[names[at++]].Add(await Bench.TimeAsync(async () => await agent.ExecuteAsync(command, discard, token)));
            parts[names[at++]].Add(await Bench.TimeAsync(() => agent.Mirror.PushAsync(_ => Task.CompletedTask, token)));
            parts[names[at++]].Add(await Bench.TimeAsync(() => Task.FromResult(LocalStamp.Scan(workspace))));
            parts[names[at++]].Add(await Bench.TimeAsync(async () => await agent.Container.ExecuteAsync(command, discard, token)));
            parts[names[at++]].Add(await Bench.TimeAsync(() => session.ProbeAsync(token)));
            parts[names[at++]].Add(await Bench.TimeAsync(() => agent.Mirror.PullAsync(token)));
            string? text = null;
            parts[names[at++]].Add(await Bench.TimeAsync(async () => text = (await agent.Container.ExecuteAsync(listCommand, discard, token)).Stdout));
            listingBytes = text?.Length ?? 0;
            parts[names[at++]].Add(await Bench.TimeAsync(() => Task.FromResult(NodeListing.Parse(text!) ?? throw new InvalidOperationException("no listing"))));
            parts[names[at++]].Add(await Bench.TimeAsync(() => GetAsync(node, agent.ContainerId, workspace + "/src/d00/f0000.txt", token)));
            parts[names[at++]].Add(await Bench.TimeAsync(() => PutAsync(node, agent.ContainerId, workspace, token)));
            if (i % 10 == 0)
            {
                var loop = await InContainerAsync(node, agent.ContainerId, workspace, ":", token);
                foreach (var (name, body) in inContainer)
                {
                    inContainerTimes[name].Add((await InContainerAsync(node, agent.ContainerId, workspace, body, token) - loop) / InContainerLoops);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Remote `sh 'true'` step breakdown: {steps} steps, the listing {listingBytes} bytes (in-container parts: "
            + $"{inContainerTimes.First().Value.Count} loops of {InContainerLoops}), load average {Bench.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| part | median ms | p90 ms |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, values) in parts)
        {
            Bench.Row(name, values, null);
        }

        foreach (var (name, values) in inContainerTimes)
        {
            Bench.Row("in the container: " + name, values, null);
        }
    }

    private static async Task GetAsync(DockerEngine node, string container, string path, CancellationToken token)
    {
        var response = await node.Client.Containers.GetArchiveFromContainerAsync(container, new ContainerPathStatParameters { Path = path }, false, token);
        await using var stream = response.Stream ?? Stream.Null;
        var buffer = new byte[81920];
        try
        {
            while (await stream.ReadAsync(buffer, token) > 0)
            {
            }
        }
        catch (EndOfStreamException)
        {
            // Docker.DotNet's chunked stream at its end.
        }
    }

    private static async Task PutAsync(DockerEngine node, string container, string workspace, CancellationToken token)
    {
        using var tar = new MemoryStream();
        await using (var writer = new System.Formats.Tar.TarWriter(tar, leaveOpen: true))
        {
            var entry = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, "bench-put.txt") { DataStream = new MemoryStream("put\n"u8.ToArray()) };
            await writer.WriteEntryAsync(entry, token);
        }

        tar.Position = 0;
        await node.Client.Containers.ExtractArchiveToContainerAsync(container, new CopyToContainerParameters { Path = workspace + "@tmp" }, tar, token);
    }

    /// <summary>Milliseconds for one exec running <paramref name="body"/> <see cref="InContainerLoops"/> times in one shell, in the workspace.</summary>
    private static async Task<double> InContainerAsync(DockerEngine node, string container, string workspace, string body, CancellationToken token)
    {
        var script = string.Create(CultureInfo.InvariantCulture, $"f() {{\n{body}\n}}\ni=0; while [ $i -lt {InContainerLoops} ]; do f >/dev/null 2>&1; i=$((i+1)); done");
        var exec = await node.Client.Exec.CreateContainerExecAsync(container, new ContainerExecCreateParameters
        {
            AttachStdout = true, AttachStderr = true, WorkingDir = workspace, Cmd = ["sh", "-c", script],
        }, token);
        return await Bench.TimeAsync(async () =>
        {
            using var stream = await node.Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters(), token);
            await stream.ReadOutputToEndAsync(token);
        });
    }
}
