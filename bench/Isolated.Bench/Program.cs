using System.Diagnostics;
using System.Globalization;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Images;
using ContainerCd.Runtime.Docker.Isolated;

// Isolated-engine agent start against the pass-through Docker agent start, interleaved in one run: each is the
// agent up and a first `sh` step done (`docker version` answering, so the engine is usable), then released
// (container, and for isolated the engine with its volumes), which is timed apart.
var starts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10;
var image = BaseImages.Busybox;
using var engine = DockerEngine.Create();
await engine.EnsureReachableAsync();
await new BaseImageBootstrapper(engine).BusyboxAsync(new Discard(), installMissing: false);
// containercd/dind:bookworm is built on first use when missing (the warm-up round); a template of it too.
await using var docker = new DockerAgentProvider(engine);
await using var isolated = new IsolatedEngineAgentProvider(engine, docker);
var workspace = Directory.CreateTempSubdirectory("containercd-bench-").FullName;
var container = new ContainerAgentSpec(image, null, null, false, null, null, PassThroughDockerEngine: true, null, null);
var step = new ShellCommand("docker version >/dev/null", workspace, new Dictionary<string, string>(), false);

var passThrough = new List<double>();
var isolatedStart = new List<double>();
var isolatedRelease = new List<double>();
for (var i = -1; i < starts; i++)
{
    // Round -1 warms both paths up.
    var scope = $"bench-{Environment.ProcessId}-{i + 1}";
    var clock = Stopwatch.StartNew();
    var agent = await docker.StartAsync(new AgentRequest(scope, "bench", 1, workspace, new Dictionary<string, string>(), container), new Discard());
    await Expect(agent, step);
    var elapsed = clock.Elapsed.TotalMilliseconds;
    await agent.DisposeAsync();
    await docker.ReleaseBuildAsync(scope);

    var isoScope = scope + "-iso";
    clock.Restart();
    var isoAgent = await isolated.StartAsync(new AgentRequest(isoScope, "bench", 1, workspace, new Dictionary<string, string>(), new IsolatedEngineAgentSpec(container, Cache: false)), new Discard());
    await Expect(isoAgent, step);
    var isoElapsed = clock.Elapsed.TotalMilliseconds;
    clock.Restart();
    await isoAgent.DisposeAsync();
    await isolated.ReleaseBuildAsync(isoScope);
    await docker.ReleaseBuildAsync(isoScope);
    if (i >= 0)
    {
        passThrough.Add(elapsed);
        isolatedStart.Add(isoElapsed);
        isolatedRelease.Add(clock.Elapsed.TotalMilliseconds);
    }
}

Console.WriteLine($"Isolated engine benchmark: {starts} starts each, interleaved, engine {engine.Endpoint.Uri}, {Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the end");
Console.WriteLine();
Console.WriteLine("| measure | median ms | p90 ms | more than pass-through (median) |");
Console.WriteLine("|---|---:|---:|---:|");
Row("pass-through agent start + first `sh 'docker version'` (baseline)", passThrough, Median(passThrough));
Row("isolated agent start (engine + agent) + first `sh 'docker version'`", isolatedStart, Median(passThrough));
Row("isolated release (agent, engine, volumes)", isolatedRelease, null);
Directory.Delete(workspace, true);

static async Task Expect(IAgent agent, ShellCommand step)
{
    var output = new Collect();
    var result = await agent.ExecuteAsync(step, output);
    if (result.ExitCode != 0)
    {
        throw new InvalidOperationException($"the step exited {result.ExitCode}: {output.Text}");
    }
}

static void Row(string name, List<double> values, double? baseline) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {Median(values):F0} | {Percentile(values, 0.9):F0} | {(baseline is { } b ? $"{Median(values) - b:+0;-0} ms" : "")} |"));

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

/// <summary>Keeps what a step wrote, for the error when it fails.</summary>
internal sealed class Collect : IShellOutput
{
    private readonly System.Text.StringBuilder _text = new();

    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public void Write(string text)
    {
        lock (_text)
        {
            _text.Append(text);
        }
    }
}
