using Microsoft.Extensions.Logging.Abstractions;

namespace ContainerCd.Router.Tests.Support;

/// <summary>The router's routing, in the test's process (no control socket): for the logic of choosing, checking and draining.</summary>
internal sealed class InProcessRouter : IAsyncDisposable
{
    private readonly TempHome _home = new();

    public InProcessRouter()
    {
        Service = new RouterService(new RouterPaths(_home.Path), NullLoggerFactory.Instance, TimeProvider.System);
    }

    public RouterService Service { get; }

    public string Home => _home.Path;

    /// <summary>A client with one connection at most, kept alive between requests.</summary>
    public static HttpClient Client(int port) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 1, UseProxy = false })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}/"),
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        _home.Dispose();
    }
}
