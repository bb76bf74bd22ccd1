using System.Collections.Immutable;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Agents.Host;
using ContainerCd.Runtime.Docker;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Images;
using ContainerCd.Runtime.Docker.Isolated;
using ContainerCd.Runtime.Docker.Nodes;
using ContainerCd.Runtime.Pipeline.Configuration;

namespace ContainerCd.Server.Builds;

/// <summary>
/// The agent providers <c>run</c> and <c>serve</c> give their builds, in the order they are asked: the one place
/// where a kind of agent is registered (a new kind: its provider, one line in <see cref="Create"/>). Disposing
/// releases the providers and their engine clients.
/// </summary>
internal sealed class AgentProviders : IAsyncDisposable
{
    private readonly DockerEngine _engine;

    private AgentProviders(DockerEngine engine, DockerAgentProvider docker, RemoteNodes nodes, ImmutableArray<IAgentProvider> all)
    {
        _engine = engine;
        Nodes = nodes;
        Docker = docker;
        All = all;
    }

    /// <summary>The build's <c>BuildRequest.Agents</c>.</summary>
    public ImmutableArray<IAgentProvider> All { get; }

    /// <summary>The config's remote engines (<c>engines:</c>) as build nodes.</summary>
    public RemoteNodes Nodes { get; }

    /// <summary>The host engine's provider: what a forced exit removes is everything it owns.</summary>
    public DockerAgentProvider Docker { get; }

    /// <param name="config">Its credentials answer docker agents' <c>registryCredentialsId</c>.</param>
    /// <param name="removeOwnedOnSignal">False when the caller handles SIGTERM and SIGINT itself (<c>run</c> aborts the build and releases its agents in order).</param>
    public static AgentProviders Create(RuntimeConfig config, bool removeOwnedOnSignal = true)
    {
        ArgumentNullException.ThrowIfNull(config);
        var engine = DockerEngine.Create();
        var docker = new DockerAgentProvider(engine, DockerAgentOptions.Default with
        {
            RemoveOwnedOnSignal = removeOwnedOnSignal,
            ResolveCredentials = (id, _) => ValueTask.FromResult(config.Credentials.FirstOrDefault(c => c.Id == id) is { } credential
                ? new RegistryCredentials(credential.Username ?? "", credential.Password ?? "")
                : null),
        });
        var nodes = RemoteNodes.Create(config, engine);
        return new AgentProviders(engine, docker, nodes,
        [
            HostAgentProvider.Instance,
            docker,
            new IsolatedEngineAgentProvider(engine, docker),
            new RemoteNodeAgentProvider(nodes),
        ]);
    }

    /// <summary>What a build left, released by every provider (a forced exit, after the engine could not do it itself).</summary>
    public async Task ReleaseBuildAsync(string resourceScope, CancellationToken cancellationToken)
    {
        foreach (var provider in All)
        {
            await provider.ReleaseBuildAsync(resourceScope, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in All.OfType<IsolatedEngineAgentProvider>())
        {
            await provider.DisposeAsync().ConfigureAwait(false);
        }

        await Nodes.DisposeAsync().ConfigureAwait(false);
        await Docker.DisposeAsync().ConfigureAwait(false);
        _engine.Dispose();
    }
}
