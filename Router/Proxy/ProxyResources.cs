using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace ContainerCd.Router.Proxy;

/// <summary>What every route of a router shares: Yarp's forwarder, the connections to backends, the health checks' client, the log.</summary>
internal sealed class ProxyResources : IDisposable
{
    private readonly ServiceProvider _services;

    public ProxyResources(ILoggerFactory logs)
    {
        Logs = logs;
        _services = new ServiceCollection().AddSingleton(logs).AddLogging().AddHttpForwarder().BuildServiceProvider();
        Forwarder = _services.GetRequiredService<IHttpForwarder>();
        Invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            // A busy backend with a short accept queue (busybox httpd listens with a backlog of 9) drops SYNs under a burst:
            // the kernel's retransmission then connects after 1 s, 3 s or 7 s. Wait for it, as nginx does (60 s), rather
            // than turn a slow accept into a 504; a backend that is gone answers refused or unreachable at once.
            ConnectTimeout = TimeSpan.FromSeconds(30),
            // A backend's address may be another container's after a redeploy: do not keep idle connections long.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(15),
            ActivityHeadersPropagator = null,
        });
        HealthClient = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(15),
        });
    }

    public ILoggerFactory Logs { get; }

    public IHttpForwarder Forwarder { get; }

    public HttpMessageInvoker Invoker { get; }

    public HttpClient HealthClient { get; }

    public void Dispose()
    {
        Invoker.Dispose();
        HealthClient.Dispose();
        _services.Dispose();
    }
}
