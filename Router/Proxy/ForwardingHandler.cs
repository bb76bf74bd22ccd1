using System.Net.Sockets;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace ContainerCd.Router.Proxy;

/// <summary>
/// Serves one request of a route: chooses a backend (per request, so a client's keep-alive connection is never
/// pinned to one), forwards it with Yarp, and tries once more on another healthy backend, as nginx's
/// <c>proxy_next_upstream error timeout</c> does, when the first attempt failed before any of the answer reached the
/// client, and another healthy backend can take it: a connection refused or unreachable (the backend is marked
/// unhealthy until an active check passes) or not accepted within the first attempt's connect timeout (nothing was
/// sent), or, for a GET, HEAD or OPTIONS without a
/// body, a connection lost before the answer's headers (a backend killed mid-request). Yarp's own passive health
/// checks and retries belong to its cluster pipeline, which the router does not use. With no healthy backend: 503 and
/// the reason.
/// </summary>
internal sealed class ForwardingHandler(Route route, IHttpForwarder forwarder, HttpMessageInvoker invoker, HttpMessageInvoker lastInvoker)
{
    private static readonly ForwarderRequestConfig RequestConfig = new()
    {
        ActivityTimeout = TimeSpan.FromMinutes(5),
        // Backends are plain HTTP/1.1 services (a container's port): no HTTP/2 attempt.
        Version = System.Net.HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

    public async Task HandleAsync(HttpContext context)
    {
        Backend? failed = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var backend = await ChooseAsync(context.Request, failed).ConfigureAwait(false);
            if (backend is null)
            {
                await RefuseAsync(context, StatusCodes.Status503ServiceUnavailable,
                    $"ContainerCd router: no healthy backend for {route.Current.Table.Project}/{route.Current.Table.Service} on port {route.Current.Table.PublicPort}").ConfigureAwait(false);
                return;
            }

            // The first attempt gives up connecting early when another backend can take the request; the last waits.
            var patient = attempt > 0 || !route.Current.HasAlternative(context.Request, backend);
            var error = ForwarderError.Request;
            try
            {
                error = await forwarder.SendAsync(context, backend.Prefix, patient ? lastInvoker : invoker, RequestConfig, ForwardedHeadersTransformer.Instance, context.RequestAborted).ConfigureAwait(false);
            }
            finally
            {
                backend.Exit(served: error == ForwarderError.None);
            }

            if (error == ForwarderError.None)
            {
                return;
            }

            var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
            var connectFailed = IsConnectFailure(exception);
            if (connectFailed && !IsTimeout(exception))
            {
                // A backend that refuses is gone. One slow to accept stays in (its active checks decide): under a
                // burst every backend is slow at times, and taking each out would answer 503 instead of waiting.
                backend.MarkDown();
            }

            var retry = connectFailed || (error == ForwarderError.Request && IsSafeToRepeat(context.Request));
            if (!retry || attempt > 0 || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            // The client has nothing of an answer yet: try another backend, as if this request had just arrived. A
            // connect that only timed out is tried again patiently even when no other backend can take it now (the
            // others' checks may have failed meanwhile under the same load): the request was never sent.
            var alternative = route.Current.HasAlternative(context.Request, backend);
            if (!alternative && !(connectFailed && IsTimeout(exception)))
            {
                return;
            }

            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.StatusCode = StatusCodes.Status200OK;
            failed = alternative ? backend : null;
        }
    }

    private async Task<Backend?> ChooseAsync(HttpRequest request, Backend? except)
    {
        for (var tries = 0; tries < 100; tries++)
        {
            var backend = route.Current.Choose(request, except) ?? await AfterFirstChecksAsync(request, except).ConfigureAwait(false);
            if (backend is null || backend.TryEnter())
            {
                return backend;
            }

            // Removed between the choice and the count: the route has a newer table by now.
        }

        return null;
    }

    /// <summary>
    /// When the only candidates are being checked for the first time (a route just set, a router just started), waits
    /// for their verdicts (at most one health check timeout) rather than answering 503 at once.
    /// </summary>
    private async Task<Backend?> AfterFirstChecksAsync(HttpRequest request, Backend? except)
    {
        if (except is not null)
        {
            return null;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(request.HttpContext.RequestAborted);
        deadline.CancelAfter(route.Current.Table.HealthCheck.Timeout + TimeSpan.FromSeconds(1));
        while (true)
        {
            // Chosen again first: a first check may have passed since the caller's choice found nothing.
            if (route.Current.Choose(request) is { } backend)
            {
                return backend;
            }

            if (deadline.IsCancellationRequested || route.Current.PendingFirstCheckAsync(request) is not { } pending)
            {
                return null;
            }

            await ((Task)pending.WaitAsync(deadline.Token)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>
    /// The connection to the backend was never made: refused, unreachable, or not accepted within the connect timeout
    /// (SocketsHttpHandler reports that as a cancellation caused by a <see cref="TimeoutException"/>; the activity
    /// timeout of a request under way is a cancellation without one).
    /// </summary>
    private static bool IsConnectFailure(Exception? exception) => exception switch
    {
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } => true,
        SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.TimedOut } => true,
        OperationCanceledException { InnerException: TimeoutException } => true,
        null => false,
        _ => IsConnectFailure(exception.InnerException),
    };

    private static bool IsTimeout(Exception? exception) => exception switch
    {
        TimeoutException => true,
        SocketException { SocketErrorCode: SocketError.TimedOut } => true,
        null => false,
        _ => IsTimeout(exception.InnerException),
    };

    /// <summary>A request that may be sent twice: idempotent and without a body (so nothing of it was consumed).</summary>
    private static bool IsSafeToRepeat(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        && request.ContentLength is null or 0 && !request.Headers.ContainsKey("Transfer-Encoding");

    private static async Task RefuseAsync(HttpContext context, int status, string reason)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(reason + "\n", context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
