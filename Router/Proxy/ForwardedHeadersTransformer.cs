using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace ContainerCd.Router.Proxy;

/// <summary>
/// Copies the request as Yarp does and says where it came from, as a reverse proxy should: the client's address is
/// appended to <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and <c>X-Forwarded-Host</c> are what the client used.
/// </summary>
internal sealed class ForwardedHeadersTransformer : HttpTransformer
{
    public static ForwardedHeadersTransformer Instance { get; } = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(proxyRequest);
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        var request = httpContext.Request;
        var client = httpContext.Connection.RemoteIpAddress?.ToString();
        if (client is not null)
        {
            var earlier = request.Headers["X-Forwarded-For"].ToString();
            proxyRequest.Headers.Remove("X-Forwarded-For");
            proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-For", earlier.Length == 0 ? client : earlier + ", " + client);
        }

        proxyRequest.Headers.Remove("X-Forwarded-Proto");
        proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        proxyRequest.Headers.Remove("X-Forwarded-Host");
        if (request.Host.HasValue)
        {
            proxyRequest.Headers.TryAddWithoutValidation("X-Forwarded-Host", request.Host.Value);
        }
    }
}
