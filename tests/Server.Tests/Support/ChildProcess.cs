using System.Diagnostics;

namespace ContainerCd.Server.Tests.Support;

/// <summary>A finished child process: its exit code and everything it wrote.</summary>
public sealed record ChildProcess(int ExitCode, string Output, string Error)
{
    /// <summary>Runs FILE with ARGUMENTS in FOLDER to its end, killed (and a <see cref="TimeoutException"/>) past the timeout.</summary>
    public static async Task<ChildProcess> RunAsync(string file, IEnumerable<string> arguments, string folder, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        return await WaitAsync(process, timeout);
    }

    /// <summary>Waits for a started process whose output and error are redirected; kills it past the timeout.</summary>
    public static async Task<ChildProcess> WaitAsync(Process process, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(process);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{process.StartInfo.FileName} {string.Join(' ', process.StartInfo.ArgumentList)} did not finish in {timeout}");
        }

        return new ChildProcess(process.ExitCode, await output, await error);
    }
}
