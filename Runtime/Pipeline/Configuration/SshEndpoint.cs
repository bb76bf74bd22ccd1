namespace ContainerCd.Runtime.Pipeline.Configuration;

/// <summary>
/// An engine reached over SSH, as the docker CLI's <c>DOCKER_HOST=ssh://user@host[:port]</c>, with the engine's socket on
/// that host as the URL's path (<c>ssh://user@host:22/run/user/1000/docker.sock</c>; <see cref="DefaultSocket"/> when
/// there is none). The user may also come from the engine's sshCredentialsId credential, else it is ssh's own default.
/// </summary>
public sealed record SshEndpoint(string? User, string Host, int Port, string Socket)
{
    public const string DefaultSocket = "/var/run/docker.sock";

    /// <summary>user@host:port as ssh is given it (for messages).</summary>
    public string Destination => $"{(User is null ? "" : User + "@")}{Host}:{Port}";

    /// <summary>The endpoint of an <c>ssh://</c> URL, or null with why it cannot be one (a URL of another scheme is null without a problem).</summary>
    public static SshEndpoint? Parse(string docker, out string? problem)
    {
        problem = null;
        if (!docker.StartsWith("ssh://", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!Uri.TryCreate(docker, UriKind.Absolute, out var uri) || uri.DnsSafeHost.Length == 0)
        {
            problem = $"'{docker}' is not an ssh:// endpoint (ssh://user@host[:port][/path/to/docker.sock])";
            return null;
        }

        var host = uri.DnsSafeHost;
        var user = uri.UserInfo.Length == 0 ? null : Uri.UnescapeDataString(uri.UserInfo);
        var socket = uri.AbsolutePath is "/" or "" ? DefaultSocket : Uri.UnescapeDataString(uri.AbsolutePath);
        problem = (user, host, uri) switch
        {
            ({ } u, _, _) when u.Contains(':', StringComparison.Ordinal) =>
                $"'{docker}': a password in an ssh:// URL is not supported: give the engine sshCredentialsId (an sshUserPrivateKey credential)",
            ({ } u, _, _) when u.StartsWith('-') || u.Any(char.IsWhiteSpace) => $"'{docker}': '{u}' is not a user name",
            (_, var h, _) when h.StartsWith('-') => $"'{docker}': '{h}' is not a host name",
            (_, _, { Query.Length: > 0 } or { Fragment.Length: > 0 }) => $"'{docker}': an ssh:// endpoint takes no query or fragment (ssh://user@host[:port][/path/to/docker.sock])",
            _ when socket.EndsWith('/') => $"'{docker}': '{socket}' is a folder; the path is the engine's socket on that host (e.g. {DefaultSocket})",
            _ => null,
        };
        return problem is null ? new SshEndpoint(user, host, uri.IsDefaultPort || uri.Port <= 0 ? 22 : uri.Port, socket) : null;
    }
}
