using System.Text;
using ContainerCd.Runtime.Pipeline;
using Microsoft.AspNetCore.Http;

namespace ContainerCd.Server.Api;

/// <summary>Who sent a request, as Jenkins takes it: the HTTP Basic user name, the remote address.</summary>
internal static class RequestIdentity
{
    /// <summary>The user name of HTTP Basic authentication (as Jenkins API clients send it), or null.</summary>
    public static string? User(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? decoded[..colon] : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static string RemoteAddress(HttpRequest request) =>
        request.HttpContext.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : "unknown";

    /// <summary>
    /// The cause of a build asked for over HTTP, as Jenkins gives it: with a build token or a note, the remote
    /// host (<c>Started by remote host 127.0.0.1 with note: ...</c>); otherwise the user (<c>Started by user alice</c>,
    /// or anonymous).
    /// </summary>
    public static BuildCause CauseOf(HttpRequest request, bool remote, string? note) =>
        remote || !string.IsNullOrWhiteSpace(note)
            ? BuildCause.Remote(RemoteAddress(request), string.IsNullOrWhiteSpace(note) ? null : note)
            : BuildCause.User(User(request) ?? "anonymous");
}
