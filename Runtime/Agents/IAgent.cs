using ContainerCd.Parser.Diagnostics;

namespace ContainerCd.Runtime.Agents;

/// <summary>
/// A place where steps run: the host itself, or a container kept alive for one agent scope (as
/// Jenkins keeps one container per <c>agent</c> block). Disposing the agent releases it (a container
/// is removed); it must be safe to call whatever happened before.
/// </summary>
public interface IAgent : IAsyncDisposable
{
    /// <summary>NODE_NAME: "built-in" for the host agent, the container's name for Docker.</summary>
    string NodeName { get; }

    /// <summary>NODE_LABELS, in the order configured.</summary>
    IReadOnlyList<string> Labels { get; }

    /// <summary>
    /// The workspace as an absolute path that is the same on the host and inside the agent (Docker
    /// agents bind-mount it at the same path), so file steps can work on the host side.
    /// </summary>
    string Workspace { get; }

    /// <summary>Node-level environment variables from the configuration (not the host's whole environment).</summary>
    IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>Whose Docker engine this agent's Docker operations belong to: this machine's unless the agent says otherwise.</summary>
    AgentEngine Engine => AgentEngine.ThisMachine;

    /// <summary>
    /// Why the <c>docker</c> global's CLI operations (<paramref name="operation"/>: docker.build, image.push, ...) cannot run
    /// on this agent, or null when they can: a remote node's agent refuses them unless it got the node's own engine.
    /// </summary>
    string? RefuseDockerCli(string operation) =>
        Engine == AgentEngine.RemoteNode ? DiagnosticCatalog.DockerCommandOnRemoteNodeMessage(operation, NodeName) : null;

    /// <summary>
    /// Runs one shell step and returns when it has exited. Output is written to <paramref name="output"/>
    /// as it arrives (stdout and stderr together, or only stderr when the command captures stdout).
    /// Cancelling the token kills the step's whole process tree before this returns.
    /// </summary>
    ValueTask<ShellResult> ExecuteAsync(ShellCommand command, IShellOutput output, CancellationToken cancellationToken = default);
}
