using System.Collections.Immutable;
using System.Diagnostics;

namespace ContainerCd.Runtime.Scm;

/// <summary>
/// The git command line, for what libgit2 cannot do here: the SSH transport (with <c>GIT_SSH_COMMAND</c> and a key
/// file) and shallow fetches (libgit2's local transport ignores a depth). Never prompts: no terminal, no askpass.
/// </summary>
internal static class GitCommandLine
{
    /// <summary>Runs git; its exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string? directory, IReadOnlyList<string> arguments, ImmutableDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        if (directory is not null)
        {
            start.WorkingDirectory = directory;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_ASKPASS"] = "true";
        start.Environment["LC_ALL"] = "C";
        foreach (var (name, value) in environment ?? ImmutableDictionary<string, string>.Empty)
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new GitException("Cannot run git: the process did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new GitException("Cannot run git (needed for " + string.Join(' ', arguments.Take(1)) + "): " + e.Message, e);
        }

        using (process)
        {
            process.StandardInput.Close();
            // Both pipes are read, so that a chatty stderr cannot fill its pipe and stall git.
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            var output = await process.StandardOutput.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            var error = await errors.ConfigureAwait(false);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, output, error);
        }
    }

    /// <summary>
    /// git's reason from its error output: its <c>fatal:</c>/<c>error:</c> lines, after the line the transport said
    /// just before them (ssh's <c>root@host: Permission denied (publickey).</c>, <c>Host key verification failed.</c>;
    /// not a <c>Warning:</c>), else the whole output.
    /// </summary>
    public static string Reason(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        static bool IsGits(string line) => line.StartsWith("fatal:", StringComparison.Ordinal) || line.StartsWith("error:", StringComparison.Ordinal);
        var reasons = lines.Where(IsGits).ToList();
        var first = Array.FindIndex(lines, IsGits);
        if (first > 0 && lines[first - 1] is var transport && !transport.StartsWith("Warning:", StringComparison.OrdinalIgnoreCase) && !transport.StartsWith('@'))
        {
            reasons.Insert(0, transport);
        }

        return string.Join("; ", reasons.Count > 0 ? reasons : lines);
    }
}
