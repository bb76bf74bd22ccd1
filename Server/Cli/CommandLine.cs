using System.CommandLine;

namespace ContainerCd.Server.Cli;

/// <summary>
/// The containercd command line: <c>run</c>, <c>lint</c>, <c>serve</c> and <c>images</c>. Usage
/// errors exit with <see cref="ExitCodes.Usage"/>; each command documents its own exit codes.
/// </summary>
internal static class CommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        // `lint` is timed against a hello-world start: build only its command, so that nothing of
        // the runtime or the web server is loaded or compiled.
        var root = args is ["lint", ..]
            ? new RootCommand("ContainerCd lint") { LintCommand.Create() }
            : new RootCommand("ContainerCd: run Jenkins declarative pipelines in containers, without a Jenkins controller.")
            {
                RunCommand.Create(),
                LintCommand.Create(),
                ServeCommand.Create(),
                ImagesCommand.Create(),
            };

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await Console.Error.WriteLineAsync($"containercd: {error.Message}").ConfigureAwait(false);
            }

            await Console.Error.WriteLineAsync("Try 'containercd --help'.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        // `run` handles SIGINT and SIGTERM itself (the build is aborted, post conditions run): no forced end after 2 s.
        var configuration = parseResult.CommandResult.Command.Name == "run" ? new InvocationConfiguration { ProcessTerminationTimeout = null } : null;
        return await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
    }
}
