using System.Diagnostics;
using System.Globalization;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Shell;
using ContainerCd.Testing.Nodes;
using Docker.DotNet.Models;

/// <summary>The remote bench's shared pieces: requests, timing, the table rows, the docker CLI and a shell session of its own.</summary>
internal static class Bench
{
    private static int _scopes;

    public static AgentRequest Request(string workspace) =>
        new($"bench-remote-{Environment.ProcessId}-{Interlocked.Increment(ref _scopes)}", "bench", 1, workspace, new Dictionary<string, string>(),
            new RemoteNodeAgentSpec(null) { Label = "remote" });

    public static ShellCommand Sh(string script, string workspace) => new(script, workspace, new Dictionary<string, string>(), false);

    public static async Task ExpectAsync(ValueTask<ShellResult> step)
    {
        var result = await step;
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"the step exited {result.ExitCode}");
        }
    }

    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]);

    public static void Row(string name, List<double> values, double? baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {Median(values):F1} | {Percentile(values, 0.9):F1} | {(baseline is { } b ? $"{Median(values) / b:F2}x" : "")} |"));

    public static double Median(List<double> values) => Percentile(values, 0.5);

    public static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }

    public static async Task<double> TimeAsync(Func<Task> action)
    {
        var clock = Stopwatch.StartNew();
        await action();
        return clock.Elapsed.TotalMilliseconds;
    }

    public static async Task<T> TimeAsync<T>(Func<Task<T>> action, List<double> into)
    {
        var clock = Stopwatch.StartNew();
        var result = await action();
        into.Add(clock.Elapsed.TotalMilliseconds);
        return result;
    }

    public static async Task<string> CliAsync(IReadOnlyList<string> arguments, CancellationToken token)
    {
        var (code, output) = await ProcessRun.RunAsync("docker", arguments, null, token);
        if (code != 0)
        {
            throw new InvalidOperationException($"docker {string.Join(' ', arguments)} exited {code}: {output}");
        }

        return output;
    }

    /// <summary>A long-lived sh in the container through an exec of its own, as the agent opens one for its steps.</summary>
    public static async Task<ShellSession> OpenSessionAsync(DockerEngine engine, string container, CancellationToken token)
    {
        var exec = await engine.Client.Exec.CreateContainerExecAsync(container, new ContainerExecCreateParameters
        {
            AttachStdin = true,
            AttachStdout = true,
            AttachStderr = true,
            Cmd = ["sh"],
        }, token);
        var stream = await engine.Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters { Detach = false, TTY = false }, token);
        return ShellSession.Attach(stream, "bench");
    }
}

internal sealed class Discard : IShellOutput
{
    public void Write(string text)
    {
    }
}
