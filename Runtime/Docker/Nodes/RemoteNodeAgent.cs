using ContainerCd.Parser.Diagnostics;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Shell;

namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>
/// An agent on a remote node: a container there (see <see cref="DockerAgent"/>) with the workspace on a volume of that
/// engine, mirrored on this machine (see <see cref="WorkspaceMirror"/>) and synced when a side needs it
/// (<see cref="IMirroredWorkspace"/>): what was said changed here goes there before a step, what steps changed there
/// comes back when something here is about to read or write the files, or the agent's scope ends. While a step or a
/// sync runs, the node is pinged every few seconds: one that stops answering (or whose connection breaks) fails it with
/// "Cannot contact NAME: ...", is marked offline, and is swept of this build's containers and volumes once it answers again.
/// Containers started beside it (<c>docker.image().inside</c>, <c>reuseNode true</c>) run on the same node, on a workspace
/// volume of their own brought level with the same mirror, and take no executor.
/// </summary>
internal sealed partial class RemoteNodeAgent : IAgent, IContainerNode, IMirroredWorkspace
{
    private readonly RemoteNodes _nodes;
    private readonly RemoteNode _node;
    private readonly DockerAgent _container;
    private readonly WorkspaceMirror _mirror;
    private readonly string _resourceScope;
    private readonly bool _holdsExecutor;
    private int _disposed;

    /// <param name="holdsExecutor">Whether disposing gives back an executor of the node (false for a container started beside an agent).</param>
    public RemoteNodeAgent(RemoteNodes nodes, RemoteNode node, DockerAgent container, string resourceScope, IReadOnlyList<string> labels, bool holdsExecutor = true)
    {
        _nodes = nodes;
        _node = node;
        _container = container;
        _resourceScope = resourceScope;
        _holdsExecutor = holdsExecutor;
        _mirror = new WorkspaceMirror(node.Engine, container.ContainerId, container.Workspace, RunInWorkspaceAsync);
        Labels = labels;
    }

    public string NodeName => _node.Name;

    /// <summary>The node's executor this agent holds (its slot in <see cref="RemoteNode.Slots"/>), freed when it is disposed.</summary>
    public int ExecutorSlot { get; init; } = -1;

    public IReadOnlyList<string> Labels { get; }

    public string Workspace => _container.Workspace;

    public IReadOnlyDictionary<string, string> Environment => _container.Environment;

    public string ContainerId => _container.ContainerId;

    internal WorkspaceMirror Mirror => _mirror;

    /// <summary>The agent's container on the node, without the mirror around its steps (the benchmark's breakdown times its parts).</summary>
    internal DockerAgent Container => _container;

    public AgentEngine Engine => AgentEngine.RemoteNode;

    /// <summary>Null when its container got the node's own engine (see <see cref="NodeEngineSocket"/>); else why the docker CLI operations are refused.</summary>
    public string? RefuseDockerCli(string operation) =>
        _container.HasNodeEngine ? null : _node.EngineSocket?.Refusal(operation) ?? DiagnosticCatalog.DockerCommandOnRemoteNodeMessage(operation, NodeName);

    /// <summary>
    /// A container on this node's engine (never this machine's), with the workspace as it is in the mirror, brought level
    /// first, sent to a volume of its own; what its steps change comes into the mirror when it is levelled (at the latest
    /// when its scope ends), and this agent's next step sends it on.
    /// </summary>
    public async ValueTask<IAgent> StartContainerAsync(AgentRequest request, IShellOutput log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var spec = request.Spec as ContainerAgentSpec ?? throw new ArgumentException("A remote node starts container agents beside its agent only.", nameof(request));
        if (!_node.Online)
        {
            throw new AgentStartException(_node.OfflineReason ?? _node.CannotContact("is offline"));
        }

        await LevelAsync(log, cancellationToken).ConfigureAwait(false);
        RemoteNodeAgent? agent = null;
        try
        {
            var container = (DockerAgent)await _node.Provider.StartAsync(request with { Spec = spec, NodeEnvironment = Environment }, log, cancellationToken)
                .ConfigureAwait(false);
            agent = new RemoteNodeAgent(_nodes, _node, container, _resourceScope, Labels, holdsExecutor: false) { Outer = this };
            await agent.SendWorkspaceAsync(cancellationToken).ConfigureAwait(false);
            return agent;
        }
        catch (Exception e) when ((e is AgentStartException || NodeFailures.IsConnectionFailure(e)) && !cancellationToken.IsCancellationRequested)
        {
            await DisposeIfStartedAsync(agent).ConfigureAwait(false);
            throw await RemoteNodeAgentProvider.LostOrFailedAsync(_node, request, e).ConfigureAwait(false);
        }
        catch
        {
            await DisposeIfStartedAsync(agent).ConfigureAwait(false);
            throw;
        }
    }

    private static async Task DisposeIfStartedAsync(RemoteNodeAgent? agent)
    {
        if (agent is not null)
        {
            await agent.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The mirror's first sync: the workspace as it is on this machine goes to the node.</summary>
    public Task SendWorkspaceAsync(CancellationToken cancellationToken) => _mirror.PushAsync(paths => RemoveOnNodeAsync(paths, cancellationToken), cancellationToken);

    /// <summary>A step in the agent's container: what was said changed here goes there first; after it the node may be ahead of the mirror.</summary>
    public async ValueTask<ShellResult> ExecuteAsync(ShellCommand command, IShellOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        return await WatchedAsync(output, async token =>
        {
            await _mirror.SendChangesAsync(paths => RemoveOnNodeAsync(paths, token), token).ConfigureAwait(false);
            ShellResult result;
            try
            {
                result = await _container.ExecuteAsync(command, output, token).ConfigureAwait(false);
            }
            finally
            {
                _mirror.StepEnded();
            }

            if (result.ExitCode == -1 && await _node.PingAsync(CancellationToken.None).ConfigureAwait(false) is { } failure)
            {
                throw Lost(failure, output);
            }

            return result;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A script of the mirror's (a listing, a fetch) run in the workspace by the container's shell, its stdout captured.</summary>
    private async Task<(int ExitCode, string? Output)> RunInWorkspaceAsync(string script, CancellationToken cancellationToken)
    {
        var result = await _container.ExecuteAsync(new ShellCommand(script, Workspace, new Dictionary<string, string>(), CaptureStdout: true), Discard.Instance, cancellationToken)
            .ConfigureAwait(false);
        return (result.ExitCode, result.Stdout);
    }

    private async Task RemoveOnNodeAsync(IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        var script = "rm -rf -- " + string.Join(' ', paths.Select(ShellQuote.Quote));
        var result = await _container.ExecuteAsync(new ShellCommand("#!/bin/sh\n" + script, Workspace, new Dictionary<string, string>(), false), Discard.Instance, cancellationToken)
            .ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new IOException($"Cannot delete {paths.Count} path(s) in the workspace on {NodeName} (exit code {result.ExitCode})");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            await _container.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException || NodeFailures.IsConnectionFailure(e))
        {
            // The node is gone: what this agent left there is swept when it answers again.
            _node.RememberForSweep(_resourceScope);
        }
        finally
        {
            _mirror.Dispose();
            if (_holdsExecutor)
            {
                _node.Slots.Vacate(ExecutorSlot);
                _nodes.Release(_node);
            }
        }
    }

    private sealed class Discard : IShellOutput
    {
        public static readonly Discard Instance = new();

        public void Write(string text)
        {
        }
    }
}
