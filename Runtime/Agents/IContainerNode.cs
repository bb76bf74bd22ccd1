namespace ContainerCd.Runtime.Agents;

/// <summary>
/// An agent on an engine other than this machine's whose node starts further containers on that same engine, sharing
/// its workspace (<c>docker.image().inside</c>, a stage's docker agent with <c>reuseNode true</c>,
/// <c>newContainerPerStage()</c>): a remote node's agent. The containers of other agents' nodes are started by the
/// build's providers, on this machine's engine.
/// </summary>
public interface IContainerNode
{
    /// <summary>
    /// Starts a container agent (<paramref name="request"/>'s spec is a <see cref="ContainerAgentSpec"/>) on this agent's
    /// engine with this agent's workspace; it takes no executor of its own. Fails with <see cref="AgentStartException"/>.
    /// </summary>
    ValueTask<IAgent> StartContainerAsync(AgentRequest request, IShellOutput log, CancellationToken cancellationToken = default);
}
