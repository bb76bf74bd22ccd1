using System.Collections.Immutable;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Pipeline.Agents;

/// <summary>
/// Allocates a node for an agent scope: the spec is placed through the config (<see cref="AgentSpecs.Resolve"/>),
/// a workspace is leased, and the first of the build's providers that starts the spec's kind starts the agent. The
/// node is released (agent disposed, workspace freed) when the scope ends. A container can also start on a node
/// already held (reuseNode, newContainerPerStage, <c>docker.image().inside</c>): it shares that node's workspace.
/// </summary>
public static class AgentAllocator
{
    public static async ValueTask<Allocation> AllocateAsync(BuildContext build, FlowContext flow, AgentSpec requested)
    {
        ArgumentNullException.ThrowIfNull(build);
        var config = build.Request.Config;
        var spec = AgentSpecs.Resolve(requested, config);
        var lease = build.Workspaces.Acquire(spec.CustomWorkspace);
        var environment = spec.Node?.Environment ?? config.NodeEnvironment;
        IAgent agent;
        try
        {
            agent = await StartAsync(build, flow, new AgentRequest(build.ResourceScope, build.Job, build.Number, lease.Path, environment, WithDockerfileSource(build, spec, lease.Path)))
                .ConfigureAwait(false);
        }
        catch
        {
            lease.Dispose();
            throw;
        }

        var labels = spec.Node?.Labels ?? (spec.Label is { Length: > 0 } l ? [l] : ImmutableArray<string>.Empty);
        var name = spec.Node?.Name ?? agent.NodeName;
        var node = new NodeContext(agent, lease.Path, name, labels, environment.ToImmutableDictionary(StringComparer.Ordinal), spec is HostAgentSpec);
        return new Allocation(build, flow, node, lease);
    }

    /// <summary>
    /// A container on a node the build already holds, sharing its workspace (same path, no new workspace):
    /// a stage's docker or dockerfile agent with <c>reuseNode true</c>, each stage's container under
    /// <c>newContainerPerStage()</c>, and <c>docker.image().inside</c>. The node keeps its name, labels and
    /// environment; its steps run in the container. A node on an engine of its own (<see cref="IContainerNode"/>: a remote
    /// node, an isolated engine's agent) starts the container there; any other node's container is started by the build's
    /// providers, on this machine (refused for an agent that says its engine is another).
    /// </summary>
    public static async ValueTask<Allocation> StartOnNodeAsync(BuildContext build, FlowContext flow, NodeContext node, ContainerAgentSpec container)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(node);
        var spec = container.Label is null ? container with { Label = node.Labels.FirstOrDefault() } : container;
        var request = new AgentRequest(build.ResourceScope, build.Job, build.Number, node.Workspace, node.Environment, WithDockerfileSource(build, spec, node.Workspace));
        if (node.Agent is not IContainerNode && node.Agent.Engine != AgentEngine.ThisMachine)
        {
            // The build's providers start containers on this machine's engine, which such an agent must not reach.
            throw StepErrors.Abort(DiagnosticCatalog.ContainerBesideForeignAgentMessage(container.Image ?? "a Dockerfile", node.NodeName));
        }

        var agent = node.Agent is IContainerNode engine
            ? await StartAsync(build, flow, request, engine.StartContainerAsync).ConfigureAwait(false)
            : await StartAsync(build, flow, request).ConfigureAwait(false);
        return new Allocation(build, flow, node with { Agent = agent, IsHost = false }, null);
    }

    /// <summary>
    /// Jenkins checks out before building a dockerfile agent's image: until the workspace has the
    /// Dockerfile, build it from the project's own directory.
    /// </summary>
    private static AgentSpec WithDockerfileSource(BuildContext build, AgentSpec spec, string workspace) =>
        spec is ContainerAgentSpec { Dockerfile: { } dockerfile } container && build.Request.SourceDirectory is { } source
            && !File.Exists(Path.Combine(workspace, dockerfile.Directory, dockerfile.Filename))
            ? container with { Dockerfile = dockerfile with { Directory = Path.GetFullPath(Path.Combine(source, dockerfile.Directory)) } }
            : spec;

    /// <summary>
    /// Starts the agent with the first provider that starts its kind; none: the spec's own message. A provider
    /// that answers at once keeps the interpreter lock; one that waits (an image pull) lets other branches run.
    /// </summary>
    private static ValueTask<IAgent> StartAsync(BuildContext build, FlowContext flow, AgentRequest request)
    {
        var provider = build.Request.Agents.FirstOrDefault(p => p.CanStart(request.Spec))
            ?? throw StepErrors.Abort(request.Spec.NoProviderMessage);
        return StartAsync(build, flow, request, provider.StartAsync);
    }

    private static async ValueTask<IAgent> StartAsync(BuildContext build, FlowContext flow, AgentRequest request,
        Func<AgentRequest, IShellOutput, CancellationToken, ValueTask<IAgent>> start)
    {
        var output = new StepOutput(build, flow);
        try
        {
            var starting = start(request, output, flow.CancellationToken);
            return starting.IsCompleted
                ? await starting.ConfigureAwait(false)
                : await build.WhileWaitingAsync(() => starting).ConfigureAwait(false);
        }
        catch (AgentStartException e)
        {
            throw StepErrors.Abort(e.Message);
        }
        catch (OperationCanceledException) when (flow.CancellationToken.IsCancellationRequested)
        {
            throw flow.Cancellation.CreateInterruptedException();
        }
        finally
        {
            output.Flush();
        }
    }

    /// <summary>An allocated node and what to release when its scope ends (a mirrored workspace brought level first, see <see cref="WorkspaceSync.ReleaseAsync"/>).</summary>
    public sealed class Allocation(BuildContext build, FlowContext flow, NodeContext node, Workspaces.Lease? lease) : IAsyncDisposable
    {
        public NodeContext Node { get; } = node;

        public async ValueTask DisposeAsync()
        {
            try
            {
                await WorkspaceSync.ReleaseAsync(build, flow, Node.Agent).ConfigureAwait(false);
                await Node.Agent.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                lease?.Dispose();
            }
        }
    }
}
