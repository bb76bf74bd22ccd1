using ContainerCd.Parser.Diagnostics;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Shell;

namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>
/// An agent on a remote node: a container there (see <see cref="DockerAgent"/>) with the workspace on a volume of that
/// engine, mirrored on this machine (see <see cref="WorkspaceMirror"/>) around each step: what changed here goes there
/// before it, what it changed there comes back after it (found by a listing the step's own shell prints after it, in
/// the same round trip: see <see cref="NodeListing.Epilogue"/>). While a step runs, the node is
/// pinged every few seconds: one that stops answering (or whose connection breaks) fails the step with "Cannot contact
/// NAME: ...", is marked offline, and is swept of this build's containers and volumes once it answers again.
/// Containers started beside it (<c>docker.image().inside</c>, <c>reuseNode true</c>) run on the same node, on a workspace
/// volume of their own brought level with the same mirror, and take no executor.
/// </summary>
internal sealed class RemoteNodeAgent : IAgent, IContainerNode
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);
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
    /// A container on this node's engine (never this machine's), with the workspace as it is in the mirror sent to a
    /// volume of its own: the mirror on this machine is level with this agent's volume after each step, and this agent's
    /// next step sends it what the new container changed.
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

        RemoteNodeAgent? agent = null;
        try
        {
            var container = (DockerAgent)await _node.Provider.StartAsync(request with { Spec = spec, NodeEnvironment = Environment }, log, cancellationToken)
                .ConfigureAwait(false);
            agent = new RemoteNodeAgent(_nodes, _node, container, _resourceScope, Labels, holdsExecutor: false);
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

    public async ValueTask<ShellResult> ExecuteAsync(ShellCommand command, IShellOutput output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        if (!_node.Online)
        {
            throw Lost(_node.OfflineReason ?? _node.CannotContact("is offline"), output);
        }

        using var watch = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        string? lost = null;
        var heartbeat = Task.Run(async () =>
        {
            while (!watch.IsCancellationRequested)
            {
                await Task.Delay(Heartbeat, watch.Token).ConfigureAwait(false);
                if (await _node.PingAsync(watch.Token).ConfigureAwait(false) is { } failure)
                {
                    lost = failure;
                    await watch.CancelAsync().ConfigureAwait(false);
                }
            }
        }, CancellationToken.None);
        try
        {
            var ticket = await _mirror.PushAsync(paths => RemoveOnNodeAsync(paths, watch.Token), watch.Token).ConfigureAwait(false);
            var listing = new StepEpilogue(NodeListing.Epilogue(Workspace, ContainerFactory.TempDirectory(Workspace)));
            var result = await _container.ExecuteAsync(command, output, listing, watch.Token).ConfigureAwait(false);
            if (result.ExitCode == -1 && await _node.PingAsync(CancellationToken.None).ConfigureAwait(false) is { } failure)
            {
                throw Lost(failure, output);
            }

            var taken = listing.ExitCode is { } code ? (code, listing.Output) : ((int, string?)?)null;
            await _mirror.PullAsync(ticket, taken, watch.Token).ConfigureAwait(false);
            return result;
        }
        catch (Exception e) when (e is not AgentLostException && !cancellationToken.IsCancellationRequested
            && (e is OperationCanceledException || NodeFailures.IsConnectionFailure(e)))
        {
            var failure = lost ?? await _node.PingAsync(CancellationToken.None).ConfigureAwait(false);
            if (failure is null)
            {
                throw;
            }

            throw Lost(failure, output, e);
        }
        finally
        {
            await watch.CancelAsync().ConfigureAwait(false);
            try
            {
                await heartbeat.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private AgentLostException Lost(string reason, IShellOutput output, Exception? cause = null)
    {
        _node.MarkLost(reason, _resourceScope);
        output.Write(reason + "\n");
        return cause is null ? new AgentLostException(reason) : new AgentLostException(reason, cause);
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
