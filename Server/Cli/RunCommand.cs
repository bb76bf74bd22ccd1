using System.CommandLine;

namespace ContainerCd.Server.Cli;

internal static class RunCommand
{
    public static Command Create()
    {
        var command = new Command("run", "Not implemented yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("containercd run: not implemented yet");
            return 70;
        });
        return command;
    }
}
