using System.Collections.Immutable;
using System.Net;
using ContainerCd.Runtime.Delivery.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace ContainerCd.Router.Proxy;

/// <summary>
/// One route: its listener on <c>ListenAddress:PublicPort</c> (a Kestrel server of its own, so routes come and go at
/// run time), its current table with live backends, and its health checks.
/// </summary>
internal sealed class Route : IAsyncDisposable
{
    private readonly ProxyResources _resources;
    private RouteSnapshot _current;
    private WebApplication? _listener;
    private HealthProbe? _probe;

    private Route(RouteTable table, ProxyResources resources)
    {
        _resources = resources;
        _current = new RouteSnapshot(table, [.. Distinct(table).Select(b => new Backend(b.Pool, b.Address))]);
    }

    public RouteSnapshot Current => Volatile.Read(ref _current);

    public RouteStatus Status => new(Current.Table, [.. Current.Backends.Select(b => b.State)]);

    /// <summary>Listens on the table's address and port; throws <see cref="IOException"/> when it cannot.</summary>
    public static async Task<Route> StartAsync(RouteTable table, ProxyResources resources, CancellationToken cancellationToken)
    {
        var route = new Route(table, resources);
        try
        {
            await route.ListenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await route.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        route._probe = new HealthProbe(route, resources.HealthClient, resources.Logs.CreateLogger("ContainerCd.Router.Health"));
        return route;
    }

    /// <summary>
    /// Serves <paramref name="table"/> from now on: backends it keeps keep their health and counts, new ones wait for a
    /// first check, and the ones it drops are returned, removed (no new request), for the caller to drain.
    /// </summary>
    public async Task<IReadOnlyList<Backend>> ApplyAsync(RouteTable table, CancellationToken cancellationToken)
    {
        var old = Current;
        var kept = old.Backends.ToDictionary(b => (b.Pool, b.Address));
        var backends = Distinct(table).Select(b => kept.GetValueOrDefault((b.Pool, b.Address)) ?? new Backend(b.Pool, b.Address)).ToImmutableArray();
        if (old.Table.ListenAddress != table.ListenAddress)
        {
            await StopListeningAsync().ConfigureAwait(false);
            Volatile.Write(ref _current, new RouteSnapshot(table, backends));
            await ListenAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            Volatile.Write(ref _current, new RouteSnapshot(table, backends));
        }

        var removed = old.Backends.Except(backends).ToArray();
        foreach (var backend in removed)
        {
            backend.Remove();
        }

        _probe?.Wake();
        return removed;
    }

    /// <summary>Removes every backend (no new request; 503 until the listener stops) and returns them to drain.</summary>
    public IReadOnlyList<Backend> RemoveAll()
    {
        foreach (var backend in Current.Backends)
        {
            backend.Remove();
        }

        return Current.Backends;
    }

    public async ValueTask DisposeAsync()
    {
        if (_probe is not null)
        {
            await _probe.DisposeAsync().ConfigureAwait(false);
        }

        await StopListeningAsync().ConfigureAwait(false);
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        var table = Current.Table;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(table.ListenAddress), table.PublicPort);
        });
        var app = builder.Build();
        var handler = new ForwardingHandler(this, _resources.Forwarder, _resources.Invoker, _resources.LastInvoker);
        app.Run(handler.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new IOException($"cannot listen on {table.ListenAddress}:{table.PublicPort}: {e.Message}", e);
        }

        _listener = app;
    }

    private async Task StopListeningAsync()
    {
        if (_listener is { } listener)
        {
            _listener = null;
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await listener.StopAsync(stop.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await listener.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static IEnumerable<(string Pool, Uri Address)> Distinct(RouteTable table) =>
        table.Pools.SelectMany(p => p.Backends.Select(b => (p.Name, b))).Distinct();
}
