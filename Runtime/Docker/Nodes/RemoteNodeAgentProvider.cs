using ContainerCd.Runtime.Agents;

namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>
/// Starts agents on remote Docker engines (<c>agent { label 'x' }</c> or <c>agent { docker { label 'x'; image '...' } }</c>
/// where a node of the config's <c>engines:</c> has label x): chooses the node, copies the image there when it lacks
/// it, starts the container with the workspace on a volume of that engine and sends it the workspace.
/// </summary>
public sealed class RemoteNodeAgentProvider(RemoteNodes nodes) : IAgentProvider
{
    public RemoteNodes Nodes { get; } = nodes;

    public bool CanStart(AgentSpec spec) => spec is RemoteNodeAgentSpec;

    /// <summary>The build's end: what it left on any node is removed now, or when a node that does not answer is back.</summary>
    public ValueTask ReleaseBuildAsync(string resourceScope, CancellationToken cancellationToken = default) => Nodes.ReleaseBuildAsync(resourceScope, cancellationToken);

    public async ValueTask<IAgent> StartAsync(AgentRequest request, IShellOutput log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(log);
        var remote = request.Spec as RemoteNodeAgentSpec ?? throw new ArgumentException("The remote node provider starts remote node agents only (see CanStart).", nameof(request));
        var label = remote.Label ?? throw new AgentStartException("A remote node is chosen by label: agent { label '...' }.");
        var node = await Nodes.AcquireAsync(label, log, cancellationToken).ConfigureAwait(false);
        var slot = node.Slots.Occupy(new ExecutorWork(request.Job, request.BuildNumber, Nodes.Time.GetUtcNow()));
        var handedOver = false;
        try
        {
            var spec = (remote.Container ?? new ContainerAgentSpec(node.Definition.Image, null, null, false, null, null, false, null, null)) with { PassThroughDockerEngine = true, Label = label };
            var environment = node.Definition.Environment.IsEmpty ? request.NodeEnvironment : node.Definition.Environment;
            var container = (DockerAgent)await node.Provider.StartAsync(request with { Spec = spec, NodeEnvironment = environment }, log, cancellationToken).ConfigureAwait(false);
            var agent = new RemoteNodeAgent(Nodes, node, container, request.ResourceScope, [.. node.Definition.Labels]) { ExecutorSlot = slot };
            handedOver = true;
            try
            {
                await agent.SendWorkspaceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await agent.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            return agent;
        }
        catch (Exception e) when ((e is AgentStartException || NodeFailures.IsConnectionFailure(e)) && !cancellationToken.IsCancellationRequested)
        {
            throw await LostOrFailedAsync(node, request, e).ConfigureAwait(false);
        }
        finally
        {
            if (!handedOver)
            {
                node.Slots.Vacate(slot);
                Nodes.Release(node);
            }
        }
    }

    /// <summary>The node lost (marked offline, its failure the message), or the start's own failure naming the node.</summary>
    internal static async Task<AgentStartException> LostOrFailedAsync(RemoteNode node, AgentRequest request, Exception e)
    {
        if (await node.PingAsync(CancellationToken.None).ConfigureAwait(false) is { } failure)
        {
            node.MarkLost(failure, request.ResourceScope);
            return new AgentStartException(failure, e);
        }

        return e as AgentStartException ?? new AgentStartException($"Cannot start an agent on {node.Name}: {e.Message}", e);
    }
}
