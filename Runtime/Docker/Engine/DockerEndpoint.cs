namespace ContainerCd.Runtime.Docker.Engine;

/// <summary>
/// Where the Docker engine is: <c>DOCKER_HOST</c> when set (unix:// or tcp://), else the default unix
/// socket. <see cref="SocketPath"/> is the host path of a unix socket, bind-mounted into agents for
/// pass-through; null for tcp engines.
/// </summary>
public sealed record DockerEndpoint(Uri Uri, bool FromEnvironment)
{
    public const string DefaultSocket = "/var/run/docker.sock";

    public static DockerEndpoint FromEnvironmentOrDefault()
    {
        var host = System.Environment.GetEnvironmentVariable("DOCKER_HOST");
        return string.IsNullOrWhiteSpace(host)
            ? new DockerEndpoint(new Uri("unix://" + DefaultSocket), false)
            : new DockerEndpoint(new Uri(host.Trim()), true);
    }

    public string? SocketPath => Uri.Scheme == "unix" ? Uri.LocalPath : null;

    /// <summary>Whether the engine runs on this machine, so host paths can be bind-mounted as they are.</summary>
    public bool IsLocal => Uri.Scheme == "unix" || Uri.IsLoopback;

    /// <summary>How a user sees it: "unix:///var/run/docker.sock (DOCKER_HOST)" or "... (default socket; DOCKER_HOST is not set)".</summary>
    public string Description => FromEnvironment
        ? $"{Uri} (from DOCKER_HOST)"
        : $"{Uri} (the default socket; DOCKER_HOST is not set)";
}
