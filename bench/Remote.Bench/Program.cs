using System.Diagnostics;
using System.Globalization;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Images;
using ContainerCd.Runtime.Docker.Nodes;
using ContainerCd.Testing.Nodes;

// Remote-node agents against the raw docker CLI on the same node, interleaved in one run. The node is the tests'
// second engine (tests/SecondEngine: its own dockerd, TLS on 127.0.0.1), which cannot see this machine's folders.
//  1. agent start (RemoteNodeAgentProvider.StartAsync: node chosen, container and workspace volume made, the
//     workspace sent), with an empty workspace and with FILES files, against `docker -H ... run -d IMAGE`; the
//     first `sh 'true'`, and the release (container, volumes) against `docker -H ... rm -f`, apart;
//  2. a `sh 'true'` step in a running remote agent whose workspace holds FILES files, against
//     `docker -H ... exec C true`; a step writing one file; a step writing one file and then `readFile` of it here (the
//     mirror levelled first, as the step dispatch does), against `docker -H ... exec` and `docker -H ... cp` of the file;
//     and the same `sh 'true'` on the local engine;
//  3. with a fourth argument `breakdown`: where a remote step's time and a remote start's time go (RemoteStepBreakdown,
//     RemoteStartBreakdown), instead of 1 and 2.
var starts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var steps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var files = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
var breakdown = args.Length > 3 && args[3] == "breakdown";
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The second engine must be stopped on the way out: the loops end at the next check.
    e.Cancel = true;
    cancel.Cancel();
};
var token = cancel.Token;
var image = BaseImages.Busybox;
var loadBefore = Bench.LoadAverage();
using var local = DockerEngine.Create();
await local.EnsureReachableAsync(token);
await new BaseImageBootstrapper(local).BusyboxAsync(new Discard(), installMissing: false, token);
var full = Directory.CreateTempSubdirectory("containercd-bench-remote-").FullName;
var empty = Directory.CreateTempSubdirectory("containercd-bench-remote-empty-").FullName;
for (var i = 0; i < files; i++)
{
    var path = Path.Combine(full, "src", $"d{i % 20:D2}", $"f{i:D4}.txt");
    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
    await File.WriteAllTextAsync(path, $"file {i}: {new string('x', 100)}\n", token);
}

await using var engine = await SecondEngine.StartAsync([full, empty], token);
try
{
    await using var nodes = RemoteNodes.Create(NodeConfig.For(engine, executors: 2), local);
    var remote = new RemoteNodeAgentProvider(nodes);
    await using var localProvider = new DockerAgentProvider(local);
    var tls = engine.TlsCliOptions;

    // Warm-up: the image goes to the node (copied once), each path runs once.
    var warm = Bench.Request(empty);
    await using (var agent = await remote.StartAsync(warm, new Discard(), token))
    {
        await Bench.ExpectAsync(agent.ExecuteAsync(Bench.Sh("true", empty), new Discard(), token));
    }

    await remote.ReleaseBuildAsync(warm.ResourceScope, token);
    await Bench.CliAsync([.. tls, "rm", "-f", (await Bench.CliAsync([.. tls, "run", "-d", image, "sleep", "600"], token)).Trim()], token);
    if (breakdown)
    {
        Console.WriteLine($"Remote node breakdown: image {image}, node {engine.Endpoint} (TLS, a second dockerd on this machine), {files} files in the workspace, "
            + $"{Environment.ProcessorCount} cores, load average {loadBefore} before");
        await RemoteStartBreakdown.RunAsync(engine, local, nodes, empty, starts, token);
        var measured = Bench.Request(full);
        await using (var agent = (RemoteNodeAgent)await remote.StartAsync(measured, new Discard(), token))
        {
            await Bench.ExpectAsync(agent.ExecuteAsync(Bench.Sh("true", full), new Discard(), token));
            await RemoteStepBreakdown.RunAsync(nodes.Nodes[0].Engine, agent, full, steps, token);
        }

        await remote.ReleaseBuildAsync(measured.ResourceScope, token);
        return;
    }

    var rawRun = new List<double>();
    var rawRemove = new List<double>();
    var startEmpty = new List<double>();
    var startFull = new List<double>();
    var firstStep = new List<double>();
    var release = new List<double>();
    for (var i = 0; i < starts && !token.IsCancellationRequested; i++)
    {
        var clock = Stopwatch.StartNew();
        var id = (await Bench.CliAsync([.. tls, "run", "-d", image, "sleep", "600"], token)).Trim();
        rawRun.Add(clock.Elapsed.TotalMilliseconds);
        clock.Restart();
        await Bench.CliAsync([.. tls, "rm", "-f", id], token);
        rawRemove.Add(clock.Elapsed.TotalMilliseconds);

        foreach (var (workspace, times) in new[] { (empty, startEmpty), (full, startFull) })
        {
            var request = Bench.Request(workspace);
            clock.Restart();
            var agent = await remote.StartAsync(request, new Discard(), token);
            times.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await Bench.ExpectAsync(agent.ExecuteAsync(Bench.Sh("true", workspace), new Discard(), token));
            if (workspace == full)
            {
                firstStep.Add(clock.Elapsed.TotalMilliseconds);
            }

            clock.Restart();
            await agent.DisposeAsync();
            await remote.ReleaseBuildAsync(request.ResourceScope, token);
            if (workspace == full)
            {
                release.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
    }

    var running = Bench.Request(full);
    await using var onNode = (RemoteNodeAgent)await remote.StartAsync(running, new Discard(), token);
    await Bench.ExpectAsync(onNode.ExecuteAsync(Bench.Sh("true", full), new Discard(), token));
    var localRequest = new AgentRequest($"bench-remote-{Environment.ProcessId}-local", "bench", 1, full, new Dictionary<string, string>(),
        new ContainerAgentSpec(image, null, null, false, null, null, PassThroughDockerEngine: false, null, null));
    await using var onLocal = await localProvider.StartAsync(localRequest, new Discard(), token);
    await Bench.ExpectAsync(onLocal.ExecuteAsync(Bench.Sh("true", full), new Discard(), token));

    var rawExec = new List<double>();
    var rawExecCopy = new List<double>();
    var remoteStep = new List<double>();
    var remoteWrite = new List<double>();
    var remoteWriteRead = new List<double>();
    var localStep = new List<double>();
    var copied = Path.Combine(empty, "copied.txt");
    for (var i = 0; i < steps && !token.IsCancellationRequested; i++)
    {
        remoteStep.Add(await Bench.TimeAsync(async () => await Bench.ExpectAsync(onNode.ExecuteAsync(Bench.Sh("true", full), new Discard(), token))));
        remoteWrite.Add(await Bench.TimeAsync(async () => await Bench.ExpectAsync(onNode.ExecuteAsync(Bench.Sh("echo $$ > changed.txt", full), new Discard(), token))));
        remoteWriteRead.Add(await Bench.TimeAsync(async () =>
        {
            await Bench.ExpectAsync(onNode.ExecuteAsync(Bench.Sh("echo $$ > read.txt", full), new Discard(), token));
            await onNode.LevelAsync(new Discard(), token);
            _ = await File.ReadAllTextAsync(Path.Combine(full, "read.txt"), token);
        }));
        localStep.Add(await Bench.TimeAsync(async () => await Bench.ExpectAsync(onLocal.ExecuteAsync(Bench.Sh("true", full), new Discard(), token))));
        if (i % 2 == 0)
        {
            rawExec.Add(await Bench.TimeAsync(() => Bench.CliAsync([.. tls, "exec", onNode.ContainerId, "true"], token)));
            rawExecCopy.Add(await Bench.TimeAsync(async () =>
            {
                await Bench.CliAsync([.. tls, "exec", "-w", full, onNode.ContainerId, "sh", "-c", "echo $$ > read.txt"], token);
                await Bench.CliAsync([.. tls, "cp", $"{onNode.ContainerId}:{full}/read.txt", copied], token);
                _ = await File.ReadAllTextAsync(copied, token);
            }));
        }
    }

    token.ThrowIfCancellationRequested();
    Console.WriteLine($"Remote node benchmark: image {image}, node {engine.Endpoint} (TLS, a second dockerd on this machine), {starts} starts, {steps} steps, "
        + $"{files} files in the workspace, {Environment.ProcessorCount} cores, load average {loadBefore} before, {Bench.LoadAverage()} after");
    Console.WriteLine();
    Console.WriteLine("| measure | median ms | p90 ms | ratio to baseline |");
    Console.WriteLine("|---|---:|---:|---:|");
    Bench.Row("raw `docker -H tcp://... run -d busybox sleep` (baseline)", rawRun, Bench.Median(rawRun));
    Bench.Row("agent start, empty workspace (`RemoteNodeAgentProvider.StartAsync`)", startEmpty, Bench.Median(rawRun));
    Bench.Row($"agent start, {files}-file workspace sent", startFull, Bench.Median(rawRun));
    Bench.Row($"first `sh 'true'` after the start ({files} files)", firstStep, null);
    Bench.Row("agent release (container, volumes)", release, null);
    Bench.Row("raw `docker -H tcp://... rm -f` (for the release)", rawRemove, null);
    Bench.Row("raw `docker -H tcp://... exec C true` (baseline)", rawExec, Bench.Median(rawExec));
    Bench.Row($"remote agent `sh 'true'` ({files} files, unchanged)", remoteStep, Bench.Median(rawExec));
    Bench.Row($"remote agent `sh 'echo $$ > changed.txt'` ({files} files, one changes; nothing reads it here)", remoteWrite, Bench.Median(rawExec));
    Bench.Row("raw `docker -H tcp://... exec C sh -c 'echo $$ > read.txt'` + `docker -H tcp://... cp C:.../read.txt .` (baseline)", rawExecCopy, Bench.Median(rawExecCopy));
    Bench.Row($"remote agent `sh 'echo $$ > read.txt'` then `readFile 'read.txt'` ({files} files: the step, then the pull)", remoteWriteRead, Bench.Median(rawExecCopy));
    Bench.Row("local engine agent `sh 'true'` (same workspace, for reference)", localStep, Bench.Median(rawExec));
}
finally
{
    Directory.Delete(full, true);
    Directory.Delete(empty, true);
}

