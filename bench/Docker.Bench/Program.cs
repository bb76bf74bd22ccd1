using System.Diagnostics;
using System.Globalization;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Images;

// Docker agent benchmarks, each against its raw baseline measured in the same run, interleaved:
//  1. agent start (container up and a first `true` step done) vs `docker run --rm IMAGE true` (CLI);
//  2. per-`sh`-step cost in a running agent vs `docker exec CONTAINER true` (CLI) and vs one API exec
//     (create + start attached + inspect), the per-step cost of an exec-per-step design.
//  3. with a third argument `breakdown`: where a `sh 'true'` step's time goes (StepBreakdown), instead of 1 and 2.
var starts = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 15;
var steps = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
var image = BaseImages.Busybox;
using var engine = DockerEngine.Create();
await engine.EnsureReachableAsync();
await new BaseImageBootstrapper(engine).BusyboxAsync(new Discard(), installMissing: false);
await using var provider = new DockerAgentProvider(engine);

// The same agent with each step's text forking its subshell when it arrives (the path before step workers), interleaved.
await using var subshellProvider = new DockerAgentProvider(engine, DockerAgentOptions.Default with { StepWorkers = false });
var workspace = Directory.CreateTempSubdirectory("containercd-bench-").FullName;
var request = new AgentRequest("bench-" + Environment.ProcessId, "bench", 1, workspace, new Dictionary<string, string>(),
    new ContainerAgentSpec(image, null, null, false, null, null, PassThroughDockerEngine: true, null, null));
var step = new ShellCommand("true", workspace, new Dictionary<string, string>(), false);

if (args.Length > 2 && args[2] == "breakdown")
{
    await using var agent = (DockerAgent)await provider.StartAsync(request, new Discard());
    await using var subshellAgent = (DockerAgent)await subshellProvider.StartAsync(request, new Discard());
    await agent.ExecuteAsync(step, new Discard());
    await subshellAgent.ExecuteAsync(step, new Discard());
    await StepBreakdown.RunAsync(engine, agent, subshellAgent, workspace, steps);
    Directory.Delete(workspace, true);
    return;
}

// Warm-up: both paths once.
await (await provider.StartAsync(request, new Discard())).DisposeAsync();
await RunCliAsync("run", "--rm", image, "true");

var rawRun = new List<double>();
var agentStart = new List<double>();
var agentStartAndRemove = new List<double>();
for (var i = 0; i < starts; i++)
{
    rawRun.Add(await TimeAsync(() => RunCliAsync("run", "--rm", image, "true")));
    var clock = Stopwatch.StartNew();
    var agent = await provider.StartAsync(request, new Discard());
    await agent.ExecuteAsync(step, new Discard());
    agentStart.Add(clock.Elapsed.TotalMilliseconds);
    await agent.DisposeAsync();
    agentStartAndRemove.Add(clock.Elapsed.TotalMilliseconds);
}

await using var running = (DockerAgent)await provider.StartAsync(request, new Discard());
await using var subshellRunning = (DockerAgent)await subshellProvider.StartAsync(request, new Discard());
await running.ExecuteAsync(step, new Discard());
await subshellRunning.ExecuteAsync(step, new Discard());
var agentStep = new List<double>();
var subshellStep = new List<double>();
var cliExec = new List<double>();
var apiExec = new List<double>();
for (var i = 0; i < steps; i++)
{
    agentStep.Add(await TimeAsync(async () => await running.ExecuteAsync(step, new Discard())));
    subshellStep.Add(await TimeAsync(async () => await subshellRunning.ExecuteAsync(step, new Discard())));
    if (i % 2 == 0)
    {
        cliExec.Add(await TimeAsync(() => RunCliAsync("exec", running.ContainerId, "true")));
        apiExec.Add(await TimeAsync(() => ApiExecAsync(engine, running.ContainerId)));
    }
}

Console.WriteLine($"Docker agent benchmark: image {image}, {starts} starts, {steps} steps, engine {engine.Endpoint.Uri}, {Environment.ProcessorCount} cores, load average {StepBreakdown.LoadAverage()}");
Console.WriteLine();
Console.WriteLine("| measure | median ms | p90 ms | ratio to baseline |");
Console.WriteLine("|---|---:|---:|---:|");
Row("raw `docker run --rm busybox true` (baseline)", rawRun, Median(rawRun));
Row("agent start + first `sh 'true'`", agentStart, Median(rawRun));
Row("agent start + first step + removal", agentStartAndRemove, Median(rawRun));
Row("raw `docker exec C true` (baseline)", cliExec, Median(cliExec));
Row("API exec per step (create+start+inspect)", apiExec, Median(cliExec));
Row("agent `sh 'true'` step, its subshell forked when it arrives (before step workers)", subshellStep, Median(cliExec));
Row("agent `sh 'true'` step", agentStep, Median(cliExec));
Directory.Delete(workspace, true);

static void Row(string name, List<double> values, double baseline) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Median(values):F1} | {Percentile(values, 0.9):F1} | {Median(values) / baseline:F2}x |"));

static double Median(List<double> values) => Percentile(values, 0.5);

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
}

static async Task<double> TimeAsync(Func<Task> action)
{
    var clock = Stopwatch.StartNew();
    await action();
    return clock.Elapsed.TotalMilliseconds;
}

static async Task RunCliAsync(params string[] arguments)
{
    using var process = Process.Start(new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true, UseShellExecute = false })!;
    await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"docker {string.Join(' ', arguments)} exited {process.ExitCode}");
    }
}

static async Task ApiExecAsync(DockerEngine engine, string container) => await BenchApi.ExecAsync(engine, container);

internal sealed class Discard : IShellOutput
{
    public void Write(string text)
    {
    }
}
