using ContainerCd.Entry.Posix;

namespace ContainerCd.Entry;

/// <summary>
/// Every command but <c>lint</c> belongs to the server, <c>containercd-server</c> next to this executable. This process
/// becomes it (execv): the pid, the terminal, the standard streams, the signals and the exit code are the server's
/// own, exactly as if it had been started directly; a <c>kill -9</c> of this pid ends the server.
/// </summary>
internal static class ServerHandOff
{
    public const string ServerFileName = "containercd-server";

    public static int Run(string[] args)
    {
        var server = Path.Combine(AppContext.BaseDirectory, ServerFileName);
        var command = args.Length > 0 && !args[0].StartsWith('-') ? $"'containercd {args[0]}'" : "this command";
        if (!File.Exists(server))
        {
            Console.Error.WriteLine($"containercd: {command} needs {ServerFileName}, which is not next to this executable ({server}); " +
                "only 'containercd lint' works without it. Install the whole published folder (dotnet publish Server -c Release).");
            return ExitCodes.Usage;
        }

        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            Console.Error.WriteLine($"containercd: {command} cannot be handed to {ServerFileName} on this system; run {server} directly.");
            return ExitCodes.Usage;
        }

        var reason = Exec.Replace(server, [server, .. args]);
        Console.Error.WriteLine($"containercd: cannot start {server}: {reason}");
        return ExitCodes.Usage;
    }
}
