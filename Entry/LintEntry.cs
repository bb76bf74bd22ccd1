using System.CommandLine;

namespace ContainerCd.Entry;

/// <summary><c>containercd lint ...</c> without the server: only the lint command is built, so nothing else is loaded.</summary>
internal static class LintEntry
{
    public static int Run(string[] args)
    {
        var root = new RootCommand("ContainerCd lint") { LintCommand.Create() };
        var parseResult = root.Parse(args);
        return UsageErrors.Report(parseResult, Console.Error) ? ExitCodes.Usage : parseResult.Invoke();
    }
}
