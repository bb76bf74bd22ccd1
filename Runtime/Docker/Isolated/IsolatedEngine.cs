using Docker.DotNet;

namespace ContainerCd.Runtime.Docker.Isolated;

/// <summary>
/// One isolated engine: the volume its socket is in (made first, so that agent containers can be created while
/// dockerd starts), its container on the host engine once started, the attached input that keeps it alive
/// (closing it stops the engine: see <see cref="EngineScript"/>), and <see cref="Ready"/>, done when dockerd answers.
/// </summary>
internal sealed class IsolatedEngine(string scopeId, string socketVolume, string workspace) : IDisposable
{
    /// <summary>The address agents reach the engine at, through the socket volume mounted at the same place.</summary>
    public const string DockerHost = "unix://" + EngineScript.Socket;

    private MultiplexedStream? _input;

    /// <summary>The <see cref="Ownership.ResourceLabels.Scope"/> of the engine's container and volumes.</summary>
    public string ScopeId { get; } = scopeId;

    public string SocketVolume { get; } = socketVolume;

    public string Workspace { get; } = workspace;

    public string? ContainerId { get; private set; }

    /// <summary>Completes when dockerd answers and the base images are loaded; fails with the reason it did not start.</summary>
    public Task Ready { get; set; } = Task.CompletedTask;

    public void Started(string containerId, MultiplexedStream input)
    {
        ContainerId = containerId;
        _input = input;
    }

    public void Dispose() => _input?.Dispose();
}
