using ContainerCd.Runtime.Docker.Engine;
using Docker.DotNet;

namespace ContainerCd.Runtime.Docker.Isolated;

/// <summary>
/// One isolated engine: the volume its socket is in (made first, so that agent containers can be created while
/// dockerd starts), the folder of its second socket, which containercd reaches it at (<see cref="EngineSocketDirectory"/>),
/// its container on the host engine once started, the attached input that keeps it alive (closing it stops the engine:
/// see <see cref="EngineScript"/>), and <see cref="Ready"/>, done when dockerd answers.
/// </summary>
internal sealed class IsolatedEngine(string scopeId, string socketVolume, string workspace, EngineSocketDirectory hostSocket) : IAsyncDisposable
{
    /// <summary>The address agents reach the engine at, through the socket volume mounted at the same place.</summary>
    public const string DockerHost = "unix://" + EngineScript.Socket;

    private readonly Lock _containersLock = new();
    private MultiplexedStream? _input;
    private DockerEngine? _client;
    private DockerAgentProvider? _containers;

    /// <summary>The <see cref="Ownership.ResourceLabels.Scope"/> of the engine's container and volumes.</summary>
    public string ScopeId { get; } = scopeId;

    public string SocketVolume { get; } = socketVolume;

    public string Workspace { get; } = workspace;

    public EngineSocketDirectory HostSocket { get; } = hostSocket;

    /// <summary>The engine's container on the host engine, as users see it in messages.</summary>
    public string ContainerName => $"containercd-engine-{ScopeId}";

    public string? ContainerId { get; private set; }

    /// <summary>Completes when dockerd answers and the base images are loaded; fails with the reason it did not start.</summary>
    public Task Ready { get; set; } = Task.CompletedTask;

    public void Started(string containerId, MultiplexedStream input)
    {
        ContainerId = containerId;
        _input = input;
    }

    /// <summary>
    /// Starts containers in this engine (not the host's), through <see cref="HostSocket"/>: made on first use, gone with
    /// the engine. Its containers' user, workspace and shells are a container agent's; nothing is swept or removed at
    /// this process's exit, since the engine takes everything in it when it stops.
    /// </summary>
    public DockerAgentProvider Containers()
    {
        lock (_containersLock)
        {
            if (_containers is null)
            {
                _client = DockerEngine.Create(new DockerEndpoint(new Uri("unix://" + HostSocket.Socket), FromEnvironment: false), null);
                _containers = new DockerAgentProvider(_client, new DockerAgentOptions
                {
                    SweepAtStart = false,
                    RemoveOwnedOnProcessExit = false,
                    RemoveOwnedOnSignal = false,
                    EngineName = $"the build's isolated Docker engine (docker: isolated, {ContainerName})",
                });
            }

            return _containers;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _input?.Dispose();
        DockerAgentProvider? containers;
        lock (_containersLock)
        {
            containers = _containers;
            _containers = null;
        }

        if (containers is not null)
        {
            await containers.DisposeAsync().ConfigureAwait(false);
        }

        _client?.Dispose();
        HostSocket.Delete();
    }
}
