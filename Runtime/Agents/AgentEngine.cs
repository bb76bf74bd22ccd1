namespace ContainerCd.Runtime.Agents;

/// <summary>
/// Whose Docker engine an agent's Docker operations belong to (the <c>docker</c> global, the delivery steps, a container
/// started beside it): this machine's (the host agent, container agents with or without the engine passed through), the
/// build's own isolated engine (<c>docker: isolated</c>), or a remote node's (<c>engines:</c>). Steps that can only act
/// on this machine's engine refuse the others by name instead of reaching the wrong engine.
/// </summary>
public enum AgentEngine
{
    /// <summary>This machine's engine: what the server's router and the delivery steps work with.</summary>
    ThisMachine,

    /// <summary>The build's own engine (<c>docker: isolated</c>), reached by the agent's steps through <c>DOCKER_HOST</c>.</summary>
    Isolated,

    /// <summary>A remote node's engine: the agent's container and its workspace volume are there.</summary>
    RemoteNode,
}
