using ContainerCd.Entry;
using ContainerCd.Router.Client;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Server.Builds;
using ContainerCd.Server.Hosting;

namespace ContainerCd.Server.Cli;

/// <summary>Starts the server for <c>containercd serve</c> and runs it until Ctrl+C.</summary>
internal static class ServeRunner
{
    public static async Task<int> RunAsync(string urls, string home, string? config, int executors, string? token, CancellationToken cancellationToken)
    {
        if (config is not null && !File.Exists(config))
        {
            await Console.Error.WriteLineAsync($"containercd serve: config file not found: {config}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        if (executors < 1)
        {
            await Console.Error.WriteLineAsync("containercd serve: --executors must be at least 1").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        ServerApp app;
        AgentProviders resources;
        try
        {
            var settings = new ServeSettings(urls, home, config, executors, string.IsNullOrEmpty(token) ? null : token);
            (var executor, resources) = PipelineExecutors.Create(config);
            app = await ServerApp.StartAsync(settings, executor, null, ServerSeams.Default with { Nodes = resources.Nodes }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException or ConfigException)
        {
            await Console.Error.WriteLineAsync($"containercd serve: {exception.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        await using (resources.ConfigureAwait(false))
        await using (app.ConfigureAwait(false))
        {
            foreach (var address in app.Addresses)
            {
                Console.WriteLine($"containercd serve: listening on {address} (home {Path.GetFullPath(home)})");
            }

            if (app.AbortedAtStart > 0)
            {
                Console.WriteLine($"containercd serve: {app.AbortedAtStart} build(s) left running by the previous server ended ABORTED");
                if (await app.LeftoverSweep.ConfigureAwait(false) is { } swept)
                {
                    Console.WriteLine("containercd serve: " + swept);
                }
            }

            if (app.Token.Length > 0)
            {
                Console.WriteLine($"containercd serve: API token: {app.Token} (send it as 'Authorization: Bearer TOKEN'; open the viewer once with ?token=TOKEN)");
            }

            await EnsureRouterAsync(home, cancellationToken).ConfigureAwait(false);
            try
            {
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return ExitCodes.Success;
    }

    /// <summary>Deployed services keep being served: when the home has routes, its router runs (started if it is not).</summary>
    private static async Task EnsureRouterAsync(string home, CancellationToken cancellationToken)
    {
        if (!RouterClient.HasRoutes(home))
        {
            return;
        }

        using var router = BuildExtensions.Router(home);
        try
        {
            await router.EnsureRunningAsync(cancellationToken).ConfigureAwait(false);
            var routes = await router.ListAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"containercd serve: router serving {routes.Count} route(s): {string.Join(", ", routes.Select(r => $"{r.Table.ListenAddress}:{r.Table.PublicPort} ({r.Table.Project}/{r.Table.Service})"))}");
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync("containercd serve: the router of deployed services is not running: " + e.Message).ConfigureAwait(false);
        }
    }
}
