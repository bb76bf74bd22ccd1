using System.Collections.Immutable;
using System.Net;

namespace ContainerCd.Runtime.Pipeline.Configuration;

/// <summary>
/// A remote Docker engine used as a build node (<c>engines:</c> in the config): where it answers (<see cref="Docker"/>:
/// <c>tcp://HOST:PORT</c>, <c>unix:///path</c> or <c>ssh://user@host[:port][/socket]</c>), the x509ClientCert credential for TLS
/// (tcp) or the sshUserPrivateKey credential and known host keys (ssh), the labels it serves, how many agents it runs at
/// once, the image of <c>agent { label '...' }</c> there, and the node's own engine socket its agents get (<see cref="Socket"/>).
/// </summary>
public sealed record EngineDefinition(string Name, string Docker, ImmutableArray<string> Labels)
{
    /// <summary>The image of a label agent on an engine when the config names none.</summary>
    public const string DefaultImage = "containercd/busybox:latest";

    public string? TlsCredentialsId { get; init; }

    /// <summary>ssh:// only: the sshUserPrivateKey credential ssh logs in with (else ssh's own keys and agent).</summary>
    public string? SshCredentialsId { get; init; }

    /// <summary>ssh:// only: the host's keys in known_hosts lines (<c>ssh-keyscan -p PORT HOST</c>); else ssh's own known_hosts files. Either way an unknown or changed key is refused.</summary>
    public string? KnownHosts { get; init; }

    public int Executors { get; init; } = 1;

    public string Image { get; init; } = DefaultImage;

    public ImmutableDictionary<string, string> Environment { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>
    /// The node's own engine socket, as a path on the node's machine (<c>socket: /var/run/docker.sock</c>): its agents (and
    /// containers beside them) get it at /var/run/docker.sock with a docker CLI, so that the <c>docker</c> global and
    /// <c>sh 'docker ...'</c> work there, on the node's engine (checked to be that engine before any agent gets it). Null:
    /// its agents get no engine, and the docker global's CLI operations are refused there.
    /// </summary>
    public string? Socket { get; init; }

    /// <summary>Why <paramref name="socket"/> cannot be an engine's <c>socket:</c>, or null: an absolute path on the node, no scheme.</summary>
    public static string? CheckSocket(string socket) =>
        socket.StartsWith('/') && !socket.EndsWith('/') && !socket.Contains(':', StringComparison.Ordinal) && !socket.Split('/').Any(part => part is "." or "..")
            ? null
            : $"'{socket}' is not a socket path: socket names the node's engine socket as an absolute path on the node (socket: /var/run/docker.sock)";

    /// <summary>
    /// Why an endpoint cannot be used, or null: tcp:// without TLS only on a loopback address (anything else would hand
    /// root on that host to whoever can reach the port), unix:// with an absolute path, ssh:// as <see cref="SshEndpoint"/> reads it.
    /// </summary>
    public static string? CheckEndpoint(string docker, bool tls)
    {
        if (SshEndpoint.Parse(docker, out var sshProblem) is not null || sshProblem is not null)
        {
            return sshProblem ?? (tls ? $"'{docker}': tlsCredentialsId applies to tcp:// engines; an ssh:// engine logs in with sshCredentialsId (an sshUserPrivateKey credential)" : null);
        }

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
            _ => $"'{docker}': the scheme '{uri.Scheme}' is not supported (tcp://, unix:// or ssh://)",
        };
    }

    /// <summary>Why <paramref name="credential"/> (named by sshCredentialsId <paramref name="id"/>) cannot log in to an ssh:// engine, or null.</summary>
    public static string? CheckSshCredential(string id, CredentialDefinition? credential) => credential switch
    {
        null => $"there is no credential '{id}' in credentials: (sshCredentialsId)",
        { Type: not "sshUserPrivateKey" } => $"the credential '{id}' is of type {credential.Type}: an engine's sshCredentialsId needs an sshUserPrivateKey (privateKey, username)",
        { PrivateKey: null or "" } => $"the credential '{id}' has no privateKey",
        _ => null,
    };

    private static bool IsLoopback(string host) =>
        host is "localhost" || IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
}
