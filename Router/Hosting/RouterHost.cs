using System.Globalization;
using ContainerCd.Router.Control;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContainerCd.Router.Hosting;

/// <summary>
/// The router process (<c>containercd router --home DIR</c>): holds the home's run lock for its whole life (a second
/// router on the same home exits at once), serves its control API on <c>HOME/router/control.sock</c> (mode 0600, in a
/// folder of mode 0700), restores the stored routes, and runs until SIGTERM, SIGINT or <c>POST /v1/shutdown</c>.
/// </summary>
public static class RouterHost
{
    /// <summary>Exit codes: 0 after a stop, 3 when another router already runs for the home.</summary>
    public const int AlreadyRunning = 3;

    public static async Task<int> RunAsync(string home, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var paths = new RouterPaths(home);
        Umask.OwnerOnly();
        paths.CreateFolder();
        FileStream runLock;
        try
        {
            runLock = new FileStream(paths.RunLock, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            await errors.WriteLineAsync($"containercd router: a router already runs for {paths.Home} (it holds {paths.RunLock})").ConfigureAwait(false);
            return AlreadyRunning;
        }

        await using (runLock.ConfigureAwait(false))
        {
            await ServeAsync(paths, cancellationToken).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task ServeAsync(RouterPaths paths, CancellationToken cancellationToken)
    {
        // Nothing else runs for this home now (we hold the run lock): a socket left behind is a dead router's.
        File.Delete(paths.ControlSocket);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options =>
        {
            options.SingleLine = true;
            options.UseUtcTimestamp = true;
            options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.ListenUnixSocket(paths.ControlSocket);
        });
        var app = builder.Build();
        var logs = app.Services.GetRequiredService<ILoggerFactory>();
        var log = logs.CreateLogger("ContainerCd.Router");
        var router = new RouterService(paths, logs, TimeProvider.System);
        await using (router.ConfigureAwait(false))
        {
            var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
            var identity = new RouterIdentity(RouterIdentity.ServiceName, RouterIdentity.CurrentProtocol, paths.Home, Environment.ProcessId);
            app.UseRouting();
            ControlApi.Map(app, router, identity, lifetime.StopApplication);
            var restored = await router.RestoreAsync(cancellationToken).ConfigureAwait(false);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(paths.ControlSocket, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            await File.WriteAllTextAsync(paths.PidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
            Log.Started(log, paths.Home, Environment.ProcessId, paths.ControlSocket, restored);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            Log.Stopping(log);
            await app.DisposeAsync().ConfigureAwait(false);
        }

        File.Delete(paths.ControlSocket);
        File.Delete(paths.PidFile);
    }
}
