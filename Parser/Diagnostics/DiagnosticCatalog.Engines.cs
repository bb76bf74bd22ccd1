using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Diagnostics;

/// <summary>
/// Steps that act on this server's Docker engine, on an agent whose engine is another: the isolated engine of a
/// <c>docker: isolated</c> agent, or a remote node's (<c>engines:</c>). Run refuses them with these words; lint warns with
/// the same (JP2014) when the stage's agent is a label the config gives such an agent.
/// </summary>
public static partial class DiagnosticCatalog
{
    public static Diagnostic StepRefusedByAgentEngine(SourceSpan span, string message) => Warning(span, "JP2014", message);

    /// <summary><c>composeDeploy</c>, <c>setTrafficWeights</c>, <c>promote</c>, <c>rollback</c>, <c>composeDown</c> on a <c>docker: isolated</c> agent.</summary>
    public static string DeliveryOnIsolatedAgentMessage(string step, string agent) =>
        $"{step} cannot run on the agent '{agent}', which has an isolated Docker engine (docker: isolated): deployments are made on this server's Docker engine, "
        + "behind its router, which this agent must not touch, and containers in the agent's own engine would vanish with the build. "
        + $"Run {step} in a stage on this server's engine (agent any, or a docker agent without docker: isolated)";

    /// <summary>The delivery steps on a remote node.</summary>
    public static string DeliveryOnRemoteNodeMessage(string step, string node) =>
        $"{step} cannot run on the remote node '{node}': deployments are made on this server's Docker engine, behind its router, which cannot reach "
        + $"containers on a node. Run {step} in a stage on this server (agent any, or a docker agent)";

    /// <summary>A <c>docker</c> global command (build, run, withRun, push, pull, tag, a registry login) on a remote node whose config names no socket.</summary>
    public static string DockerCommandOnRemoteNodeMessage(string operation, string node) =>
        $"{operation} cannot run on the remote node '{node}': its agents get no Docker engine, and this server's engine is not the node's. "
        + $"To give them the node's own engine, name its socket on the node in the config's engines: entry of '{node}' (socket: /var/run/docker.sock); "
        + "or run the image on the node with docker.image('...').inside { } or agent { docker { label '...'; image '...' } }, "
        + "or run docker commands in a stage on this server or on a docker: isolated agent";

    /// <summary>
    /// A container beside an agent (<c>inside</c>, <c>withDockerContainer</c>, <c>reuseNode</c>) whose engine is not this
    /// server's and which cannot start containers in its own: starting it here would reach the engine it must not.
    /// </summary>
    public static string ContainerBesideForeignAgentMessage(string image, string agent) =>
        $"Cannot start the container of '{image}' beside the agent '{agent}': its Docker engine is not this server's, and it starts no containers in its own";
}
