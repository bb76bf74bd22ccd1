using System.Diagnostics;
using System.Globalization;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Shell;
using Docker.DotNet.Models;

/// <summary>
/// Where one <c>sh 'true'</c> step's time goes in a running agent, each part measured on the same containers in the
/// same run, interleaved: the whole step through <c>IAgent.ExecuteAsync</c>, with step workers (the session's shell forks
/// the next step's worker before the step arrives) and without (each step's text forks its subshell when it arrives),
/// back to back and after the agent was idle for a moment; the step's text through shell sessions of the bench's own
/// (no renting, no OOM check), with and without a worker loop; a bare round trip through each (the end marker printed,
/// nothing run); and, inside the container with no transport at all, the step's text, a fork, a fork and exec of
/// <c>true</c>, and <c>sh -xe -c true</c>, each run in a loop by one shell (the loop's own cost subtracted).
/// </summary>
internal static class StepBreakdown
{
    private const int InContainerLoops = 200;
    private static readonly TimeSpan Idle = TimeSpan.FromMilliseconds(20);

    public static async Task RunAsync(DockerEngine engine, DockerAgent agent, DockerAgent subshellAgent, string workspace, int steps)
    {
        var command = new ShellCommand("true", workspace, new Dictionary<string, string>(), false);
        await using var session = await OpenSessionAsync(engine, agent.ContainerId);
        await session.ProbeAsync(CancellationToken.None);
        await using var workerSession = await OpenSessionAsync(engine, agent.ContainerId);
        await workerSession.StartWorkersAsync(CancellationToken.None);
        if (!workerSession.RunsWorkers)
        {
            throw new InvalidOperationException("The image's shell does not run the step worker loop.");
        }

        var files = new Dictionary<string, string>
        {
            ["the step's text (subshell, exec sh -xe -c true, marker)"] = StepScript.Create(command).Text,
            ["`( exec true )`: one fork and exec"] = "( exec true ) </dev/null 2>&1\n",
            ["`sh -xe -c true`: fork, exec of sh, its start-up"] = "sh -xe -c true </dev/null 2>&1\n",
            ["`( : )`: one fork, no exec"] = "( : ) </dev/null 2>&1\n",
        };
        var paths = new Dictionary<string, string>();
        foreach (var (name, text) in files)
        {
            var path = Path.Combine(workspace, "bench-" + paths.Count.ToString(CultureInfo.InvariantCulture) + ".sh");
            await File.WriteAllTextAsync(path, text);
            paths[name] = path;
        }

        var rows = new Dictionary<string, List<double>>();
        void Add(string name, double value) => (rows.TryGetValue(name, out var list) ? list : rows[name] = []).Add(value);
        var inContainer = paths.Keys.ToDictionary(k => k, _ => new List<double>());
        var discard = new Discard();
        for (var i = 0; i < steps; i++)
        {
            Add("whole step, `IAgent.ExecuteAsync`, step workers", await TimeAsync(async () => await agent.ExecuteAsync(command, discard)));
            Add("whole step, `IAgent.ExecuteAsync`, a subshell per step (before)", await TimeAsync(async () => await subshellAgent.ExecuteAsync(command, discard)));
            await Task.Delay(Idle);
            Add("whole step after 20 ms idle, step workers", await TimeAsync(async () => await agent.ExecuteAsync(command, discard)));
            await Task.Delay(Idle);
            Add("whole step after 20 ms idle, a subshell per step (before)", await TimeAsync(async () => await subshellAgent.ExecuteAsync(command, discard)));
            Add("the step's text through a worker loop session (no rent, no OOM check)",
                await TimeAsync(() => workerSession.RunAsync(workerSession.Prepare(command), discard, _ => Task.CompletedTask, CancellationToken.None)));
            Add("the step's text through a subshell session (no rent, no OOM check)",
                await TimeAsync(() => session.RunAsync(StepScript.Create(command), discard, _ => Task.CompletedTask, CancellationToken.None)));
            Add("bare round trip through the worker loop (the worker ends at once, the loop prints the marker)", await TimeAsync(() => workerSession.ProbeAsync(CancellationToken.None)));
            Add("bare round trip through the subshell session (marker only)", await TimeAsync(() => session.ProbeAsync(CancellationToken.None)));
            if (i % 20 == 0)
            {
                var empty = await InContainerAsync(engine, agent.ContainerId, null);
                foreach (var (name, path) in paths)
                {
                    inContainer[name].Add((await InContainerAsync(engine, agent.ContainerId, path) - empty) / InContainerLoops);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"`sh 'true'` step breakdown: {steps} steps (in-container parts: {inContainer.First().Value.Count} loops of {InContainerLoops}), load average {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| part | median ms | p90 ms |");
        Console.WriteLine("|---|---:|---:|");
        foreach (var (name, values) in rows)
        {
            Row(name, values);
        }

        foreach (var (name, values) in inContainer)
        {
            Row("in the container: " + name, values);
        }

        foreach (var path in paths.Values)
        {
            File.Delete(path);
        }
    }

    private static async Task<ShellSession> OpenSessionAsync(DockerEngine engine, string container)
    {
        var exec = await engine.Client.Exec.CreateContainerExecAsync(container, new ContainerExecCreateParameters
        {
            AttachStdin = true,
            AttachStdout = true,
            AttachStderr = true,
            Cmd = ["sh"],
        });
        var stream = await engine.Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters { Detach = false, TTY = false });
        return ShellSession.Attach(stream, "bench");
    }

    /// <summary>Milliseconds for one exec running a file <see cref="InContainerLoops"/> times in one shell (null: the loop alone).</summary>
    private static async Task<double> InContainerAsync(DockerEngine engine, string container, string? file)
    {
        var body = string.Create(CultureInfo.InvariantCulture,
            $"i=0; while [ $i -lt {InContainerLoops} ]; do {(file is null ? ":" : ". " + file + " >/dev/null")}; i=$((i+1)); done");
        var exec = await engine.Client.Exec.CreateContainerExecAsync(container, new ContainerExecCreateParameters { AttachStdout = true, AttachStderr = true, Cmd = ["sh", "-c", body] });
        var clock = Stopwatch.StartNew();
        using (var stream = await engine.Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters()))
        {
            await stream.ReadOutputToEndAsync(CancellationToken.None);
        }

        return clock.Elapsed.TotalMilliseconds;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static void Row(string name, List<double> values) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {Percentile(values, 0.5):F2} | {Percentile(values, 0.9):F2} |"));

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalMilliseconds;
    }
}
