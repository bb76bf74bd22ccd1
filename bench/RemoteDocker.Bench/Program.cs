using System.Diagnostics;
using System.Globalization;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Images;
using ContainerCd.Runtime.Docker.Nodes;
using ContainerCd.Testing.Nodes;

// The node's own engine for its agents (socket: in engines:), interleaved in one run against what it is compared with.
// The node is the tests' second engine (tests/SecondEngine: its own dockerd, TLS on 127.0.0.1).
//  1. agent start on the node with the socket and the docker CLI (RemoteNodeAgentProvider.StartAsync) against the same
//     without (a node with no socket:) and raw `docker -H ... run -d`; the very first start with the socket apart (the CLI's
//     volume filled on the node, the socket checked), and how many times the CLI went to the node in all;
//  2. `docker build -t ... .` of a one-line Dockerfile as docker.build runs it (a sh step in the agent on the node, the
//     workspace mirror around it) against raw `docker -H tcp://... build` of the same context from this machine.
var starts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var builds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
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
var workspace = Directory.CreateTempSubdirectory("containercd-bench-remote-docker-").FullName;
await File.WriteAllTextAsync(Path.Combine(workspace, "Dockerfile"), $"FROM {image}\n", token);

await using var engine = await SecondEngine.StartAsync([workspace], token);
try
{
    var plainConfig = NodeConfig.For(engine, executors: 2);
    var socketConfig = NodeConfig.WithSocket(engine, engine.SocketPath, executors: 2);
    await using var plainNodes = RemoteNodes.Create(plainConfig, local);
    await using var socketNodes = RemoteNodes.Create(socketConfig, local);
    var plain = new RemoteNodeAgentProvider(plainNodes);
    var withSocket = new RemoteNodeAgentProvider(socketNodes);
    var tls = engine.TlsCliOptions;

    // Warm-up: the image goes to the node (copied once); then the first agent with the socket, on a node without the CLI yet.
    await StartAndReleaseAsync(plain, null);
    var firstStart = new List<double>();
    await StartAndReleaseAsync(withSocket, firstStart);
    await CliAsync([.. tls, "rm", "-f", (await CliAsync([.. tls, "run", "-d", image, "sleep", "600"])).Trim()]);

    var rawRun = new List<double>();
    var plainStart = new List<double>();
    var socketStart = new List<double>();
    for (var i = 0; i < starts && !token.IsCancellationRequested; i++)
    {
        var clock = Stopwatch.StartNew();
        var id = (await CliAsync([.. tls, "run", "-d", image, "sleep", "600"])).Trim();
        rawRun.Add(clock.Elapsed.TotalMilliseconds);
        await CliAsync([.. tls, "rm", "-f", id]);
        await StartAndReleaseAsync(plain, plainStart);
        await StartAndReleaseAsync(withSocket, socketStart);
    }

    var request = Request();
    await using var agent = await withSocket.StartAsync(request, new Discard(), token);
    await ExpectAsync(agent.ExecuteAsync(Sh("docker build -q -t containercd-bench-build:1 ."), new Discard(), token));
    await CliAsync([.. tls, "build", "-q", "-t", "containercd-bench-build-raw:1", workspace]);
    var rawBuild = new List<double>();
    var nodeBuild = new List<double>();
    for (var i = 0; i < builds && !token.IsCancellationRequested; i++)
    {
        var clock = Stopwatch.StartNew();
        await CliAsync([.. tls, "build", "-q", "-t", "containercd-bench-build-raw:1", workspace]);
        rawBuild.Add(clock.Elapsed.TotalMilliseconds);
        clock.Restart();
        await ExpectAsync(agent.ExecuteAsync(Sh("docker build -q -t containercd-bench-build:1 ."), new Discard(), token));
        nodeBuild.Add(clock.Elapsed.TotalMilliseconds);
    }

    token.ThrowIfCancellationRequested();
    var uploads = socketNodes.Nodes[0].EngineSocket!.CliUploads;
    Console.WriteLine($"Remote node docker benchmark: image {image}, node {engine.Endpoint} (TLS, a second dockerd on this machine), {starts} starts, {builds} builds, "
        + $"{Environment.ProcessorCount} cores, load average {loadBefore} before, {LoadAverage()} after; the CLI went to the node {uploads} time(s)");
    Console.WriteLine();
    Console.WriteLine("| measure | median ms | p90 ms | ratio to baseline |");
    Console.WriteLine("|---|---:|---:|---:|");
    Row("raw `docker -H tcp://... run -d busybox sleep` (baseline)", rawRun, Median(rawRun));
    Row("agent start on a node without `socket:`", plainStart, Median(rawRun));
    Row("agent start on a node with `socket:` (socket and CLI mounted)", socketStart, Median(rawRun));
    Row("first agent start with `socket:` (CLI volume filled, socket checked)", firstStart, Median(rawRun));
    Row("raw `docker -H tcp://... build` of a one-line Dockerfile (baseline)", rawBuild, Median(rawBuild));
    Row("`docker build` in the agent on the node (as docker.build runs it)", nodeBuild, Median(rawBuild));
}
finally
{
    Directory.Delete(workspace, true);
}

async Task StartAndReleaseAsync(RemoteNodeAgentProvider provider, List<double>? times)
{
    var request = Request();
    var clock = Stopwatch.StartNew();
    var agent = await provider.StartAsync(request, new Discard(), token);
    times?.Add(clock.Elapsed.TotalMilliseconds);
    await agent.DisposeAsync();
    await provider.ReleaseBuildAsync(request.ResourceScope, token);
}

AgentRequest Request() =>
    new($"bench-remote-docker-{Environment.ProcessId}-{Guid.NewGuid():N}", "bench", 1, workspace, new Dictionary<string, string>(), new RemoteNodeAgentSpec(null) { Label = "remote" });

ShellCommand Sh(string script) => new(script, workspace, new Dictionary<string, string>(), false);

async Task ExpectAsync(ValueTask<ShellResult> step)
{
    var result = await step;
    if (result.ExitCode != 0)
    {
        throw new InvalidOperationException($"the step exited {result.ExitCode}");
    }
}

async Task<string> CliAsync(IReadOnlyList<string> arguments)
{
    var (code, output) = await ProcessRun.RunAsync("docker", arguments, null, token);
    return code == 0 ? output : throw new InvalidOperationException($"docker {string.Join(' ', arguments)} exited {code}: {output}");
}

static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);

static void Row(string name, List<double> values, double baseline) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(values):F1} | {Percentile(values, 0.9):F1} | {Median(values) / baseline:F2}x |"));

static double Median(List<double> values) => Percentile(values, 0.5);

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
}

internal sealed class Discard : IShellOutput
{
    public void Write(string text)
    {
    }
}
