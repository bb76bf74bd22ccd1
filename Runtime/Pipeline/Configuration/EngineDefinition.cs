using System.Collections.Immutable;
using System.Net;

namespace ContainerCd.Runtime.Pipeline.Configuration;

/// <summary>
/// A remote Docker engine used as a build node (<c>engines:</c> in the config): where it answers (<see cref="Docker"/>:
/// <c>tcp://HOST:PORT</c> or <c>unix:///path</c>; <c>ssh://</c> is refused as not supported yet), the x509ClientCert credential for TLS, the
/// labels it serves, how many agents it runs at once, and the image of <c>agent { label '...' }</c> there.
/// </summary>
public sealed record EngineDefinition(string Name, string Docker, ImmutableArray<string> Labels)
{
    /// <summary>The image of a label agent on an engine when the config names none.</summary>
    public const string DefaultImage = "containercd/busybox:latest";

    public string? TlsCredentialsId { get; init; }

    public int Executors { get; init; } = 1;

    public string Image { get; init; } = DefaultImage;

    public ImmutableDictionary<string, string> Environment { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// Why an endpoint cannot be used, or null: tcp:// without TLS only on a loopback address (anything else would hand
    /// root on that host to whoever can reach the port), unix:// with an absolute path; ssh:// not yet.
    /// </summary>
    public static string? CheckEndpoint(string docker, bool tls)
    {
        if (!Uri.TryCreate(docker, UriKind.Absolute, out var uri))
        {
            return $"'{docker}' is not a Docker endpoint (tcp://HOST:PORT, unix:///path or ssh://user@host)";
        }

        return uri.Scheme switch
        {
            "tcp" when uri.Port <= 0 =>
                $"'{docker}' needs a port (tcp://{uri.Host}:2376)",
            "tcp" when !tls && !IsLoopback(uri.Host) =>
                $"'{docker}' is plain TCP to another host: anyone who reaches that port is root there. Give the engine tlsCredentialsId (an x509ClientCert credential), or use ssh://",
            "tcp" => null,
            "unix" when uri.AbsolutePath.Length > 1 => null,
            "unix" => $"'{docker}' needs the socket's absolute path (unix:///var/run/docker.sock)",
            "ssh" => $"'{docker}': ssh:// engines are not supported yet: use tcp://HOST:2376 with tlsCredentialsId (an x509ClientCert credential)",
            _ => $"'{docker}': the scheme '{uri.Scheme}' is not supported (tcp://, unix:// or ssh://)",
        };
    }

    private static bool IsLoopback(string host) =>
        host is "localhost" || IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
}
