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
        // A busy backend with a short accept queue (busybox httpd listens with a backlog of 9) drops SYNs under a burst:
        // the kernel's retransmission then connects after 1 s, 3 s or 7 s. A first attempt waits 2.5 s (one
        // retransmission) and then goes to another healthy backend, the request never having been sent; the last
        // attempt waits up to 30 s, as nginx's connect timeout does, rather than turn a slow accept into a 504.
        Invoker = Forwarding(TimeSpan.FromSeconds(2.5));
        LastInvoker = Forwarding(TimeSpan.FromSeconds(30));
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

    /// <summary>The connections of a first attempt: a short connect timeout, another backend being left to try.</summary>
    public HttpMessageInvoker Invoker { get; }

    /// <summary>The connections of the last attempt, patient with a slow accept.</summary>
    public HttpMessageInvoker LastInvoker { get; }

    public HttpClient HealthClient { get; }

    private static HttpMessageInvoker Forwarding(TimeSpan connectTimeout) => new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = connectTimeout,
        // A backend's address may be another container's after a redeploy: do not keep idle connections long.
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(15),
        ActivityHeadersPropagator = null,
    });

    public void Dispose()
    {
        Invoker.Dispose();
        LastInvoker.Dispose();
        HealthClient.Dispose();
        _services.Dispose();
    }
}
