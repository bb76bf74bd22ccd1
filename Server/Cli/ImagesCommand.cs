using System.CommandLine;

namespace ContainerCd.Server.Cli;

internal static class ImagesCommand
{
    public static Command Create()
    {
        var command = new Command("images", "Not implemented yet.");
        command.SetAction(_ =>
        {
            Console.Error.WriteLine("containercd images: not implemented yet");
            return 70;
        });
        return command;
    }
}
