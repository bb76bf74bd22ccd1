using System.Diagnostics;
using System.Text;

namespace ContainerCd.Docker.Tests;

/// <summary>A running containercd process with its output collected as it comes.</summary>
internal sealed class RunProcess
{
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waits = [];

    public RunProcess(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public Process Process { get; }

    /// <summary>
    /// Starts <c>containercd run</c> on DIRECTORY/Jenkinsfile in a process group of its own (setsid execs it: same pid),
    /// as a command started from a shell is, so that a Ctrl-C can be sent the way a terminal sends it; with the
    /// signals a terminal sends at their default action (see <see cref="WithDefaultSignals"/>).
    /// </summary>
    public static RunProcess Start(string directory, string job, string home, params string[] options)
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "containercd");
        var start = new ProcessStartInfo("env", [.. WithDefaultSignals, "setsid", exe, "run", "--job", job, "--home", home, .. options])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        return new RunProcess(Process.Start(start)!);
    }

    /// <summary>
    /// <c>env</c> arguments that reset SIGINT and SIGQUIT to their default action before the command is exec'd (same pid).
    /// A test run started in the background of a script (<c>./test.sh &amp;</c>) has them ignored, and an ignored
    /// signal stays ignored in every process started under it, as Unix wants for background jobs: a test that
    /// sends Ctrl-C would then test nothing.
    /// </summary>
    public static string[] WithDefaultSignals => ["--default-signal=INT,QUIT"];

    public string Stdout => Read(_stdout);

    public string Stderr => Read(_stderr);

    /// <summary>Waits for a line of exactly this text (not the <c>+ echo</c> trace of the command printing it).</summary>
    public async Task WaitForLineAsync(string text)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_stdout)
        {
            if (("\n" + _stdout).Contains("\n" + text + "\n", StringComparison.Ordinal))
            {
                return;
            }

            _waits.Add((text, seen));
        }

        var finished = await Task.WhenAny(seen.Task, Process.WaitForExitAsync(Token), Task.Delay(TimeSpan.FromSeconds(60), Token));
        Assert.True(finished == seen.Task, $"no line '{text}':\n{Stdout}\n{Stderr}");
    }

    public async Task WaitForExitAsync(TimeSpan limit)
    {
        try
        {
            await Process.WaitForExitAsync(Token).WaitAsync(limit, Token);
        }
        catch (TimeoutException)
        {
            Process.Kill(entireProcessTree: true);
            Assert.Fail($"containercd did not exit within {limit}:\n{Stdout}\n{Stderr}");
        }

        // The output pipes are read to their end once the process has exited.
        Process.WaitForExit();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (target)
        {
            target.Append(line).Append('\n');
            if (ReferenceEquals(target, _stdout))
            {
                foreach (var wait in _waits.Where(w => line == w.Text).ToList())
                {
                    wait.Seen.TrySetResult();
                    _waits.Remove(wait);
                }
            }
        }
    }

    private static string Read(StringBuilder builder)
    {
        lock (builder)
        {
            return builder.ToString();
        }
    }
}
