using ContainerCd.Runtime.Agents;
using Docker.DotNet;

namespace ContainerCd.Runtime.Docker.Engine;

/// <summary>A Docker API client for one endpoint, with the one-line error users get when the engine does not answer.</summary>
public sealed class DockerEngine : IDisposable
{
    private DockerEngine(DockerEndpoint endpoint, DockerClient client)
    {
        Endpoint = endpoint;
        Client = client;
    }

    public DockerEndpoint Endpoint { get; }

    internal DockerClient Client { get; }

    public static DockerEngine Create(DockerEndpoint? endpoint = null) => Create(endpoint ?? DockerEndpoint.FromEnvironmentOrDefault(), null);

    /// <summary>A client of <paramref name="endpoint"/>, over TLS with a client certificate when <paramref name="tls"/> is given (a remote node).</summary>
    public static DockerEngine Create(DockerEndpoint endpoint, EngineTls? tls)
    {
        ArgumentNullException.ThrowIfNull(endpoint);

        // Streams (attached shells, builds, pulls) may last as long as a build: requests are bounded by tokens instead.
        var builder = new DockerClientBuilder()
            .WithEndpoint(endpoint.Uri)
            .WithTimeout(Timeout.InfiniteTimeSpan);
        if (tls is not null)
        {
            builder = builder.WithAuthProvider(tls.Credentials());
        }

        return new DockerEngine(endpoint, builder.Build());
    }

    /// <summary>The message for an engine that does not answer, naming the endpoint and how to start one.</summary>
    public string UnreachableMessage(string cause) =>
        $"Docker engine not reachable at {Endpoint.Description}: {cause}. Start it (systemctl start docker, or: nohup dockerd >/tmp/dockerd.log 2>&1 &) or point DOCKER_HOST at a running engine.";

    /// <summary>Pings the engine; throws <see cref="AgentStartException"/> with a one-line message when it does not answer in time.</summary>
    public async Task EnsureReachableAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            await Client.System.PingAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AgentStartException(UnreachableMessage("no answer within 10 s"));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.Net.Sockets.SocketException or DockerApiException or TimeoutException)
        {
            var cause = Endpoint.SocketPath is { } socket && !File.Exists(socket) ? $"no socket at {socket}" : Innermost(e).Message.TrimEnd('.');
            throw new AgentStartException(UnreachableMessage(cause), e);
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return e;
    }

    public void Dispose() => Client.Dispose();
}
