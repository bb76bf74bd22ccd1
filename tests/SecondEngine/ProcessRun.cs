using System.Diagnostics;

namespace ContainerCd.Testing.Nodes;

/// <summary>A process run to its end, with stdout and stderr together.</summary>
public static class ProcessRun
{
    public static Task<(int Code, string Output)> RunAsync(string file, string arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken) =>
        RunAsync(file, arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries), environment, cancellationToken);

    public static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
