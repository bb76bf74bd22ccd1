using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ContainerCd.Server.Hosting;

/// <summary>
/// Requires the API token on the API, the Jenkins endpoints and the hub when one is configured (always,
/// when the server listens beyond loopback). Accepted as <c>Authorization: Bearer TOKEN</c>, as the
/// password of HTTP Basic (as Jenkins API tokens are sent), or as <c>access_token</c> in the query (the
/// SignalR browser client's WebSocket). The viewer's pages and static files need no token, nor do webhooks and
/// <c>notifyCommit</c>, which carry their job's secret.
/// </summary>
internal sealed class TokenGate(string? token)
{
    private readonly byte[]? _token = token is null ? null : Encoding.UTF8.GetBytes(token);

    public bool Enabled => _token is not null;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (_token is null || IsPublic(context.Request) || IsSelfAuthenticated(context.Request) || Presented(context.Request) is { } given && Matches(given))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer realm=\"containercd\"";
        await context.Response.WriteAsync("This server requires its API token (Authorization: Bearer TOKEN).\n").ConfigureAwait(false);
    }

    /// <summary>The viewer's pages and assets: GET requests outside the API, the hub and the Jenkins data endpoints.</summary>
    internal static bool IsPublic(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }

        var path = request.Path.Value ?? "/";
        if (path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/hubs/", StringComparison.Ordinal)
            || path.StartsWith("/queue/", StringComparison.Ordinal))
        {
            return false;
        }

        return !(path.Contains("/api/json", StringComparison.Ordinal) || path.EndsWith("/consoleText", StringComparison.Ordinal)
            || path.Contains("/logText/", StringComparison.Ordinal) || path.Contains("/wfapi/", StringComparison.Ordinal));
    }

    /// <summary>Webhooks and notifyCommit prove themselves with the job's secret (a signature, a token), not the API token.</summary>
    internal static bool IsSelfAuthenticated(HttpRequest request) =>
        request.Path.Value is "/webhook/git" or "/git/notifyCommit";

    private static string? Presented(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization[7..].Trim();
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return colon >= 0 ? decoded[(colon + 1)..] : decoded;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        return request.Query.TryGetValue("access_token", out var query) ? query.ToString() : null;
    }

    private bool Matches(string given) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), _token);
}
