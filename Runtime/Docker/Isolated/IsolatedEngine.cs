using Docker.DotNet;

namespace ContainerCd.Runtime.Docker.Isolated;

/// <summary>
/// One running isolated engine: its container on the host engine, the volume its socket is in, and the
/// attached input that keeps it alive (closing it stops the engine: see <see cref="EngineScript"/>).
/// </summary>
internal sealed class IsolatedEngine(string containerId, string scopeId, string socketVolume, string workspace, MultiplexedStream input) : IDisposable
{
    /// <summary>The address agents reach the engine at, through the socket volume mounted at the same place.</summary>
    public const string DockerHost = "unix://" + EngineScript.Socket;

    public string ContainerId { get; } = containerId;

    /// <summary>The <see cref="Ownership.ResourceLabels.Scope"/> of the engine's container and volumes.</summary>
    public string ScopeId { get; } = scopeId;

    public string SocketVolume { get; } = socketVolume;

    public string Workspace { get; } = workspace;

    public void Dispose() => input.Dispose();
}
