using System.CommandLine;
using ContainerCd.Router.Client;
using ContainerCd.Router.Hosting;

namespace ContainerCd.Server.Cli;

/// <summary>
/// <c>containercd router --home DIR [--stop]</c>, internal: the router of deployed services for a home, started on
/// demand (detached) by the delivery steps and by <c>serve</c>; it runs until stopped. <c>--stop</c> asks the
/// home's router to stop (its routes stay stored). Exit 0, or 3 when a router already runs for the home.
/// </summary>
internal static class RouterCommand
{
    public static Command Create()
    {
        var home = new Option<string>("--home") { Description = "Home folder whose routes the router serves (HOME/router). Default: ./.containercd", DefaultValueFactory = _ => ".containercd" };
        var stop = new Option<bool>("--stop") { Description = "Stop the home's router instead (its routes stay stored for its next start)." };
        var command = new Command("router", "Internal: the router of deployed services (composeDeploy), started on demand; control API on HOME/router/control.sock.")
        {
            home, stop,
        };
        command.SetAction((parse, cancellationToken) => parse.GetValue(stop)
            ? StopAsync(parse.GetValue(home)!, cancellationToken)
            : RouterHost.RunAsync(parse.GetValue(home)!, Console.Error, cancellationToken));
        return command;
    }

    private static async Task<int> StopAsync(string home, CancellationToken cancellationToken)
    {
        using var client = RouterClient.ForHome(home, RouterLauncher.NextTo(AppContext.BaseDirectory));
        try
        {
            await client.StopAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync("containercd router: " + e.Message).ConfigureAwait(false);
            return 1;
        }
    }
}
