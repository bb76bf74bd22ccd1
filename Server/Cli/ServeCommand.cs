using System.CommandLine;

namespace ContainerCd.Server.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Not implemented yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("containercd serve: not implemented yet");
            return 70;
        });
        return command;
    }
}
