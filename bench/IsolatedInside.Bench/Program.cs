using System.Diagnostics;
using System.Globalization;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Images;
using ContainerCd.Runtime.Docker.Isolated;

// docker.image().inside's container on an isolated-engine agent (started in the build's engine) against the same on
// this machine's engine (what inside does on a host or pass-through agent), interleaved in one run: the container's
// start up to its first `sh 'true'` done, then `sh 'true'` steps in it, each timed.
var rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5;
var steps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 40;
var image = BaseImages.Busybox;
using var engine = DockerEngine.Create();
await engine.EnsureReachableAsync();
await new BaseImageBootstrapper(engine).BusyboxAsync(new Discard(), installMissing: false);
await using var docker = new DockerAgentProvider(engine);
await using var isolated = new IsolatedEngineAgentProvider(engine, docker);
var workspace = Directory.CreateTempSubdirectory("containercd-bench-").FullName;
var container = new ContainerAgentSpec(image, null, null, false, null, null, PassThroughDockerEngine: true, null, null);
var step = new ShellCommand("true", workspace, new Dictionary<string, string>(), false);
var scope = $"bench-inside-{Environment.ProcessId}";
var request = new AgentRequest(scope, "bench", 1, workspace, new Dictionary<string, string>(), container);

// The isolated agent whose node starts the containers (its own start is bench/isolated.sh's measure).
var node = (IContainerNode)await isolated.StartAsync(request with { Spec = new IsolatedEngineAgentSpec(container, Cache: false) }, new Discard());
var hostStart = new List<double>();
var hostStep = new List<double>();
var isoStart = new List<double>();
var isoStep = new List<double>();
try
{
    for (var i = -1; i < rounds; i++)
    {
        // Round -1 warms both paths up.
        var warm = i < 0;
        await MeasureAsync(() => docker.StartAsync(request, new Discard()), warm ? [] : hostStart, warm ? [] : hostStep);
        await MeasureAsync(() => node.StartContainerAsync(request, new Discard()), warm ? [] : isoStart, warm ? [] : isoStep);
    }
}
finally
{
    await ((IAgent)node).DisposeAsync();
    await isolated.ReleaseBuildAsync(scope);
    await docker.ReleaseBuildAsync(scope);
    Directory.Delete(workspace, true);
}

Console.WriteLine($"inside on an isolated agent: {rounds} containers each, {steps} steps in each, interleaved, engine {engine.Endpoint.Uri}, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end");
Console.WriteLine();
Console.WriteLine("| measure | median ms | p90 ms | against this machine's engine (median) |");
Console.WriteLine("|---|---:|---:|---:|");
Row("inside on this machine's engine: container start + first `sh 'true'` (baseline)", hostStart, null);
Row("inside on an isolated agent: container start in the build's engine + first `sh 'true'`", isoStart, Median(hostStart));
Row("`sh 'true'` in the inside container, this machine's engine (baseline)", hostStep, null);
Row("`sh 'true'` in the inside container, the build's engine", isoStep, Median(hostStep));

async Task MeasureAsync(Func<ValueTask<IAgent>> start, List<double> starts, List<double> stepTimes)
{
    var clock = Stopwatch.StartNew();
    var agent = await start();
    try
    {
        await Expect(agent.ExecuteAsync(step, new Discard()));
        starts.Add(clock.Elapsed.TotalMilliseconds);
        for (var s = 0; s < steps; s++)
        {
            clock.Restart();
            await Expect(agent.ExecuteAsync(step, new Discard()));
            stepTimes.Add(clock.Elapsed.TotalMilliseconds);
        }
    }
    finally
    {
        await agent.DisposeAsync();
    }
}

static async Task Expect(ValueTask<ShellResult> step)
{
    var result = await step;
    if (result.ExitCode != 0)
    {
        throw new InvalidOperationException($"the step exited {result.ExitCode}");
    }
}

static void Row(string name, List<double> values, double? baseline) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Median(values):F1} | {Percentile(values, 0.9):F1} | {(baseline is { } b ? $"{Median(values) / b:F2}x" : "")} |"));

static double Median(List<double> values) => Percentile(values, 0.5);

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
}

internal sealed class Discard : IShellOutput
{
    public void Write(string text)
    {
    }
}
