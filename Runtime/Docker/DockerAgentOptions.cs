using ContainerCd.Runtime.Docker.Images;

namespace ContainerCd.Runtime.Docker;

/// <summary>How the Docker agent provider behaves; <see cref="Default"/> is what <c>containercd run</c> uses.</summary>
public sealed record DockerAgentOptions
{
    public static readonly DockerAgentOptions Default = new();

    /// <summary>A statically linked docker CLI for pass-through; when null one is looked for (CONTAINERCD_DOCKER_CLI, /usr/local/bin, PATH).</summary>
    public string? DockerCliPath { get; init; }

    /// <summary>Run containers as the host user (<c>-u uid:gid</c>) unless args set <c>-u</c>, as Jenkins does, so workspace files keep their owner.</summary>
    public bool RunAsHostUser { get; init; } = true;

    /// <summary>Remove, before the first agent starts, what killed containercd processes left behind.</summary>
    public bool SweepAtStart { get; init; } = true;

    /// <summary>When this process exits (SIGTERM, or a normal end with agents still alive), remove every resource it owns.</summary>
    public bool RemoveOwnedOnProcessExit { get; init; } = true;

    /// <summary>
    /// On SIGTERM, SIGINT (Ctrl-C), SIGHUP or SIGQUIT, remove every resource this process owns before the
    /// signal ends it. A host that handles these signals itself (cancels the build, lets agents dispose,
    /// runs post steps) and cancels the default action may turn this off.
    /// </summary>
    public bool RemoveOwnedOnSignal { get; init; } = true;

    /// <summary>
    /// A remote node's agents: the workspace is a volume on that engine (this machine's folders are not there), labelled
    /// with the agent's scope so that the scope's end removes it; files move over the archive endpoints (see Nodes).
    /// </summary>
    public bool WorkspaceOnVolume { get; init; }

    /// <summary>
    /// A remote node's agents: the engine a missing image comes from (saved there, loaded on the node, as
    /// <c>docker save | docker -H node load</c>) and where Dockerfile agents are built; null: pull (this engine is local).
    /// </summary>
    public Engine.DockerEngine? ImageSource { get; init; }

    /// <summary>The node's name in progress lines (an image copied to it); null on the local engine.</summary>
    public string? NodeName { get; init; }

    /// <summary>
    /// An engine that is not this machine's own, as messages name it (a build's isolated engine): an image missing there
    /// is pulled there or named with it, never built or taken from this machine's engine. Null: this machine's engine.
    /// </summary>
    public string? EngineName { get; init; }

    /// <summary>
    /// Steps in a running agent go to a worker the session's shell forked before they arrived (see
    /// <c>Shell/StepWorkerLoop</c>), where the image's shell allows it; else each step's text forks a subshell when it arrives.
    /// Not on a remote node (<see cref="WorkspaceOnVolume"/>): there the workspace mirror's listing follows each step, and
    /// the network's round trip, not a fork, is what a step costs.
    /// </summary>
    public bool StepWorkers { get; init; } = true;

    /// <summary>
    /// A remote node's own engine socket (<c>socket:</c> in its <c>engines:</c> entry): agents that pass the engine through
    /// get it with the docker CLI, once it proved to be the node's engine. Null: they get no engine.
    /// </summary>
    internal Nodes.NodeEngineSocket? NodeSocket { get; init; }

    /// <summary>Resolves <c>registryCredentialsId</c> to a user name and password; null when the build has none.</summary>
    public Func<string, CancellationToken, ValueTask<RegistryCredentials?>>? ResolveCredentials { get; init; }
}
