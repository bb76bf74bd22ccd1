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
//     `docker -H ... exec C true`; a step writing one file; and the same `sh 'true'` on the local engine.
var starts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var steps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
var files = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The second engine must be stopped on the way out: the loops end at the next check.
    e.Cancel = true;
    cancel.Cancel();
};
var token = cancel.Token;
var image = BaseImages.Busybox;
var loadBefore = LoadAverage();
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
    var scopes = 0;
    AgentRequest Request(string workspace) =>
        new($"bench-remote-{Environment.ProcessId}-{++scopes}", "bench", 1, workspace, new Dictionary<string, string>(), new RemoteNodeAgentSpec(null) { Label = "remote" });
    ShellCommand Sh(string script, string workspace) => new(script, workspace, new Dictionary<string, string>(), false);

    // Warm-up: the image goes to the node (copied once), each path runs once.
    var warm = Request(empty);
    await using (var agent = await remote.StartAsync(warm, new Discard(), token))
    {
        await Expect(agent.ExecuteAsync(Sh("true", empty), new Discard(), token));
    }

    await remote.ReleaseBuildAsync(warm.ResourceScope, token);
    await Cli(token, [.. tls, "rm", "-f", (await Cli(token, [.. tls, "run", "-d", image, "sleep", "600"])).Trim()]);

    var rawRun = new List<double>();
    var rawRemove = new List<double>();
    var startEmpty = new List<double>();
    var startFull = new List<double>();
    var firstStep = new List<double>();
    var release = new List<double>();
    for (var i = 0; i < starts && !token.IsCancellationRequested; i++)
    {
        var clock = Stopwatch.StartNew();
        var id = (await Cli(token, [.. tls, "run", "-d", image, "sleep", "600"])).Trim();
        rawRun.Add(clock.Elapsed.TotalMilliseconds);
        clock.Restart();
        await Cli(token, [.. tls, "rm", "-f", id]);
        rawRemove.Add(clock.Elapsed.TotalMilliseconds);

        foreach (var (workspace, times) in new[] { (empty, startEmpty), (full, startFull) })
        {
            var request = Request(workspace);
            clock.Restart();
            var agent = await remote.StartAsync(request, new Discard(), token);
            times.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await Expect(agent.ExecuteAsync(Sh("true", workspace), new Discard(), token));
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

    var running = Request(full);
    await using var onNode = (RemoteNodeAgent)await remote.StartAsync(running, new Discard(), token);
    await Expect(onNode.ExecuteAsync(Sh("true", full), new Discard(), token));
    var localRequest = new AgentRequest($"bench-remote-{Environment.ProcessId}-local", "bench", 1, full, new Dictionary<string, string>(),
        new ContainerAgentSpec(image, null, null, false, null, null, PassThroughDockerEngine: false, null, null));
    await using var onLocal = await localProvider.StartAsync(localRequest, new Discard(), token);
    await Expect(onLocal.ExecuteAsync(Sh("true", full), new Discard(), token));

    var rawExec = new List<double>();
    var remoteStep = new List<double>();
    var remoteWrite = new List<double>();
    var localStep = new List<double>();
    for (var i = 0; i < steps && !token.IsCancellationRequested; i++)
    {
        remoteStep.Add(await TimeAsync(async () => await Expect(onNode.ExecuteAsync(Sh("true", full), new Discard(), token))));
        remoteWrite.Add(await TimeAsync(async () => await Expect(onNode.ExecuteAsync(Sh("echo $$ > changed.txt", full), new Discard(), token))));
        localStep.Add(await TimeAsync(async () => await Expect(onLocal.ExecuteAsync(Sh("true", full), new Discard(), token))));
        if (i % 2 == 0)
        {
            rawExec.Add(await TimeAsync(() => Cli(token, [.. tls, "exec", onNode.ContainerId, "true"])));
        }
    }

    token.ThrowIfCancellationRequested();
    Console.WriteLine($"Remote node benchmark: image {image}, node {engine.Endpoint} (TLS, a second dockerd on this machine), {starts} starts, {steps} steps, "
        + $"{files} files in the workspace, {Environment.ProcessorCount} cores, load average {loadBefore} before, {LoadAverage()} after");
    Console.WriteLine();
    Console.WriteLine("| measure | median ms | p90 ms | ratio to baseline |");
    Console.WriteLine("|---|---:|---:|---:|");
    Row("raw `docker -H tcp://... run -d busybox sleep` (baseline)", rawRun, Median(rawRun));
    Row("agent start, empty workspace (`RemoteNodeAgentProvider.StartAsync`)", startEmpty, Median(rawRun));
    Row($"agent start, {files}-file workspace sent", startFull, Median(rawRun));
    Row($"first `sh 'true'` after the start ({files} files)", firstStep, null);
    Row("agent release (container, volumes)", release, null);
    Row("raw `docker -H tcp://... rm -f` (for the release)", rawRemove, null);
    Row("raw `docker -H tcp://... exec C true` (baseline)", rawExec, Median(rawExec));
    Row($"remote agent `sh 'true'` ({files} files, unchanged)", remoteStep, Median(rawExec));
    Row($"remote agent `sh 'echo $$ > changed.txt'` ({files} files, one changes)", remoteWrite, Median(rawExec));
    Row("local engine agent `sh 'true'` (same workspace, for reference)", localStep, Median(rawExec));
}
finally
{
    Directory.Delete(full, true);
    Directory.Delete(empty, true);
}

static async Task Expect(ValueTask<ShellResult> step)
{
    var result = await step;
    if (result.ExitCode != 0)
    {
        throw new InvalidOperationException($"the step exited {result.ExitCode}");
    }
}

static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);

static void Row(string name, List<double> values, double? baseline) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Median(values):F1} | {Percentile(values, 0.9):F1} | {(baseline is { } b ? $"{Median(values) / b:F2}x" : "")} |"));

static double Median(List<double> values) => Percentile(values, 0.5);

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
}

static async Task<double> TimeAsync(Func<Task> action)
{
    var clock = Stopwatch.StartNew();
    await action();
    return clock.Elapsed.TotalMilliseconds;
}

static async Task<string> Cli(CancellationToken token, IReadOnlyList<string> arguments)
{
    var (code, output) = await ProcessRun.RunAsync("docker", arguments, null, token);
    if (code != 0)
    {
        throw new InvalidOperationException($"docker {string.Join(' ', arguments)} exited {code}: {output}");
    }

    return output;
}

internal sealed class Discard : IShellOutput
{
    public void Write(string text)
    {
    }
}
