using System.CommandLine;
using System.CommandLine.Help;
using ContainerCd.Entry;

namespace ContainerCd.Server.Cli;

/// <summary>
/// The containercd-server command line: <c>run</c>, <c>lint</c>, <c>serve</c>, <c>images</c> and the internal <c>router</c>, reached through the
/// <c>containercd</c> entry (Entry/), which runs <c>lint</c> itself and hands everything else to this executable. Usage
/// errors exit with <see cref="ExitCodes.Usage"/>; each command documents its own exit codes.
/// </summary>
internal static class CommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        // Named for the command users type, not for this executable's file (a RootCommand takes that name).
        var root = new Command("containercd", "ContainerCd: run Jenkins declarative pipelines in containers, without a Jenkins controller.")
        {
            new HelpOption(),
            new VersionOption(),
            RunCommand.Create(),
            LintCommand.Create(LintConfig.Apply),
            ServeCommand.Create(),
            ImagesCommand.Create(),
            RouterCommand.Create(),
        };

        var parseResult = root.Parse(args);
        if (UsageErrors.Report(parseResult, Console.Error))
        {
            return ExitCodes.Usage;
        }

        // `run` handles SIGINT and SIGTERM itself (the build is aborted, post conditions run): no forced end after 2 s.
        var configuration = parseResult.CommandResult.Command.Name == "run" ? new InvocationConfiguration { ProcessTerminationTimeout = null } : null;
        return await parseResult.InvokeAsync(configuration).ConfigureAwait(false);
    }
}
