namespace ContainerCd.Runtime.Agents;

/// <summary>
/// Starts agents of some kinds: the host provider runs steps as local processes, the Docker provider in containers.
/// A build holds an ordered list of providers (<c>BuildRequest.Agents</c>): the first whose <see cref="CanStart"/>
/// says yes starts an agent; at the build's end every provider releases what the build left
/// (<see cref="ReleaseBuildAsync"/>). Adding a kind of agent is one provider and its registration.
/// </summary>
public interface IAgentProvider
{
    /// <summary>Whether this provider starts agents of this spec's kind.</summary>
    bool CanStart(AgentSpec spec);

    /// <summary>
    /// Starts an agent for one scope. Progress (image pulls and builds) is written to <paramref name="log"/>.
    /// Fails with <see cref="AgentStartException"/> and a one-line message a user can act on.
    /// </summary>
    ValueTask<IAgent> StartAsync(AgentRequest request, IShellOutput log, CancellationToken cancellationToken = default);

    /// <summary>
    /// Called for every provider when a build ends, whatever happened (failure, abort): removes what the build
    /// started through this provider and still lives (processes, containers, networks, volumes labelled with
    /// <paramref name="resourceScope"/>). Must not fail for want of its engine (nothing to remove then).
    /// </summary>
    ValueTask ReleaseBuildAsync(string resourceScope, CancellationToken cancellationToken = default);
}
