using System.Diagnostics;
using System.Text;

namespace ContainerCd.Server.Tests.Support;

/// <summary>A <c>containercd</c> command run as its own process, its output collected as it comes.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private CliProcess(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => Append(_stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(_stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Stdout => Read(_stdout);

    public string Stderr => Read(_stderr);

    public static CliProcess Start(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "containercd"), arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        return new CliProcess(Process.Start(start)!);
    }

    /// <summary>Waits until the output holds <paramref name="text"/> (at most 60 s), failing with the output otherwise.</summary>
    public async Task WaitForOutputAsync(string text)
    {
        for (var i = 0; i < 1200 && !Stdout.Contains(text, StringComparison.Ordinal); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(Stdout.Contains(text, StringComparison.Ordinal), $"no '{text}' in the output:\n{Stdout}\n{Stderr}");
    }

    /// <summary>Waits for the exit (at most 60 s) and returns the exit code; the output is complete then.</summary>
    public async Task<int> ExitCodeAsync()
    {
        await Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Process.WaitForExit();
        return Process.ExitCode;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }

    private static void Append(StringBuilder builder, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (builder)
        {
            builder.Append(line).Append('\n');
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
