using System.Net;
using System.Net.Sockets;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Nodes;
using ContainerCd.Runtime.Pipeline.Configuration;

namespace ContainerCd.Server.Tests.Support;

/// <summary>
/// Remote nodes for a server under test: engines of a config, as <c>serve</c> makes them. An engine at
/// <see cref="Silent"/> is a loopback port nothing listens on: its health check fails at once, as a gone engine's.
/// </summary>
internal sealed class NodeSeams : IAsyncDisposable
{
    private readonly DockerEngine _local = DockerEngine.Create();

    public NodeSeams(params EngineDefinition[] engines)
    {
        Nodes = RemoteNodes.Create(RuntimeConfig.Empty with { Engines = [.. engines] }, _local);
    }

    public RemoteNodes Nodes { get; }

    /// <summary>tcp://127.0.0.1:PORT where nothing answers (a port just freed).</summary>
    public static string Silent()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"tcp://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }

    public static EngineDefinition Engine(string name, string docker, int executors, params string[] labels) =>
        new(name, docker, [.. labels]) { Executors = executors };

    public async ValueTask DisposeAsync()
    {
        await Nodes.DisposeAsync();
        _local.Dispose();
    }
}
