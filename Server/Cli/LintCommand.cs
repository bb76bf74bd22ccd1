using System.CommandLine;

namespace ContainerCd.Server.Cli;

internal static class LintCommand
{
    public static Command Create()
    {
        var command = new Command("lint", "Not implemented yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("containercd lint: not implemented yet");
            return 70;
        });
        return command;
    }
}
