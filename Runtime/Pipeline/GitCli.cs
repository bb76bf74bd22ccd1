using System.Diagnostics;

namespace ContainerCd.Runtime.Pipeline;

/// <summary>Runs the <c>git</c> command line in a folder, for the few reads the engine makes of a project's repository.</summary>
internal static class GitCli
{
    /// <summary>git's standard output, or null when git is missing or fails (not a repository, unknown commit).</summary>
    public static async Task<string?> RunAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            // Both pipes are read, so that a chatty stderr cannot fill its pipe and stall git.
            var errors = process.StandardError.ReadToEndAsync();
            var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
            await errors.ConfigureAwait(false);
            await process.WaitForExitAsync().ConfigureAwait(false);
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
