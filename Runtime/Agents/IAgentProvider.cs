namespace ContainerCd.Runtime.Agents;

/// <summary>Starts agents: the host provider runs steps as local processes, the Docker provider in containers.</summary>
public interface IAgentProvider
{
    /// <summary>
    /// Starts an agent for one scope. Progress (image pulls and builds) is written to <paramref name="log"/>.
    /// Fails with <see cref="AgentStartException"/> and a one-line message a user can act on.
    /// </summary>
    ValueTask<IAgent> StartAsync(AgentRequest request, IShellOutput log, CancellationToken cancellationToken = default);
}
