using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Nodes;

namespace ContainerCd.Runtime.Docker.Isolated;

/// <summary>
/// An agent whose Docker engine is its build's isolated one: the <c>docker: isolated</c> agent's container (on the host
/// engine), or a container started beside it. Its steps run in that container; the containers its node starts beside
/// it (<c>docker.image().inside</c>, <c>withDockerContainer</c>, a stage's docker agent with <c>reuseNode true</c>) start
/// in the isolated engine, never the host's, as a container agent does: the workspace at the same path (the engine
/// sees it there), the host user, the image's own shell attached for steps, removed when their block ends.
/// </summary>
/// <param name="inEngine">Whether the container is in the isolated engine (one started beside the agent), not the agent's own on the host engine.</param>
internal sealed class IsolatedEngineAgent(DockerAgent container, IsolatedEngine engine, string? cliInEngine, bool inEngine = false) : IAgent, IContainerNode
{
    public string NodeName => container.NodeName;

    public IReadOnlyList<string> Labels => container.Labels;

    public string Workspace => container.Workspace;

    public IReadOnlyDictionary<string, string> Environment => container.Environment;

    public AgentEngine Engine => AgentEngine.Isolated;

    public ValueTask<ShellResult> ExecuteAsync(ShellCommand command, IShellOutput output, CancellationToken cancellationToken = default) =>
        container.ExecuteAsync(command, output, cancellationToken);

    /// <summary>A container in the isolated engine with this agent's workspace and environment, the engine passed through as on the agent.</summary>
    public async ValueTask<IAgent> StartContainerAsync(AgentRequest request, IShellOutput log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var spec = request.Spec as ContainerAgentSpec ?? throw new ArgumentException("An isolated engine starts container agents beside its agent only.", nameof(request));
        var started = await engine.Containers()
            .StartAsync(request, spec, log, new IsolatedEngineAccess(engine, cliInEngine, InEngine: true), cancellationToken)
            .ConfigureAwait(false);
        return new IsolatedEngineAgent((DockerAgent)started, engine, cliInEngine, inEngine: true);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await container.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (inEngine && (NodeFailures.IsConnectionFailure(e) || e is OperationCanceledException))
        {
            // The engine is gone (the build ended, or containercd's end stopped it): its containers went with it.
        }
    }
}
