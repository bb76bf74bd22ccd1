using System.Collections.Immutable;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Pipeline.Agents;

/// <summary>
/// Allocates a node for an agent scope: a label resolves through the config's agents (to this host or
/// to an image); a docker or dockerfile agent goes to the Docker provider when one is registered. The
/// node is released (container removed, workspace freed) when the scope ends. A container can also start
/// on a node already held (reuseNode, newContainerPerStage): it shares that node's workspace.
/// </summary>
public static class AgentAllocator
{
    public static async ValueTask<Allocation> AllocateAsync(BuildContext build, FlowContext flow, AgentChoice choice)
    {
        var config = build.Request.Config;
        DockerAgentSpec? docker = choice.Docker;
        AgentDefinition? definition = null;
        if (docker is null && choice.Label is { Length: > 0 } label && label is not ("built-in" or "master"))
        {
            definition = FindAgent(config, label)
                ?? throw StepErrors.Abort($"There are no nodes with the label ‘{label}’: declare an agent with this label in the config file (agents:)");
            if (definition.Image is { Length: > 0 } image)
            {
                docker = new DockerAgentSpec(image, null, definition.Args, false, null, null, definition.PassThroughDocker, definition.MemoryLimitBytes, definition.Cpus);
            }
        }

        var lease = build.Workspaces.Acquire(choice.CustomWorkspace);
        var environment = definition?.Environment ?? config.NodeEnvironment;
        IAgent agent;
        try
        {
            agent = docker is not null
                ? await StartContainerAsync(build, flow, new AgentRequest(build.ResourceScope, build.Job, build.Number, choice.Label, lease.Path, environment, WithDockerfileSource(build, docker, lease.Path)))
                    .ConfigureAwait(false)
                : await StartHostAsync(build, flow, new AgentRequest(build.ResourceScope, build.Job, build.Number, choice.Label, lease.Path, environment, null)).ConfigureAwait(false);
        }
        catch
        {
            lease.Dispose();
            throw;
        }

        var labels = definition?.Labels ?? (choice.Label is { Length: > 0 } l ? [l] : ImmutableArray<string>.Empty);
        var name = definition?.Name ?? agent.NodeName;
        var node = new NodeContext(agent, lease.Path, name, labels, environment.ToImmutableDictionary(StringComparer.Ordinal), docker is null);
        return new Allocation(node, lease);
    }

    /// <summary>
    /// A container on a node the build already holds, sharing its workspace (same path, no new workspace):
    /// a stage's docker or dockerfile agent with <c>reuseNode true</c>, and each stage's container under
    /// <c>newContainerPerStage()</c>. The node keeps its name, labels and environment; its steps run in the container.
    /// </summary>
    public static async ValueTask<Allocation> StartOnNodeAsync(BuildContext build, FlowContext flow, NodeContext node, DockerAgentSpec docker)
    {
        var request = new AgentRequest(build.ResourceScope, build.Job, build.Number, node.Labels.FirstOrDefault(), node.Workspace, node.Environment,
            WithDockerfileSource(build, docker, node.Workspace));
        var agent = await StartContainerAsync(build, flow, request).ConfigureAwait(false);
        return new Allocation(node with { Agent = agent, IsHost = false }, null);
    }

    /// <summary>
    /// Jenkins checks out before building a dockerfile agent's image: until the workspace has the
    /// Dockerfile, build it from the project's own directory.
    /// </summary>
    private static DockerAgentSpec WithDockerfileSource(BuildContext build, DockerAgentSpec docker, string workspace) =>
        docker.Dockerfile is { } dockerfile && build.Request.SourceDirectory is { } source
            && !File.Exists(Path.Combine(workspace, dockerfile.Directory, dockerfile.Filename))
            ? docker with { Dockerfile = dockerfile with { Directory = Path.GetFullPath(Path.Combine(source, dockerfile.Directory)) } }
            : docker;

    private static ValueTask<IAgent> StartContainerAsync(BuildContext build, FlowContext flow, AgentRequest request)
    {
        var provider = build.Request.DockerProvider
            ?? throw StepErrors.Abort("This pipeline asks for a Docker agent, but Docker agents are not available here (no Docker provider is registered): run with a Docker engine, or use a host agent.");
        return StartAsync(build, flow, request, (output, token) => build.WhileWaitingAsync(() => provider.StartAsync(request, output, token)));
    }

    private static ValueTask<IAgent> StartHostAsync(BuildContext build, FlowContext flow, AgentRequest request) =>
        StartAsync(build, flow, request, (output, token) => build.Request.HostProvider.StartAsync(request, output, token));

    private static async ValueTask<IAgent> StartAsync(BuildContext build, FlowContext flow, AgentRequest request, Func<StepOutput, CancellationToken, ValueTask<IAgent>> start)
    {
        var output = new StepOutput(build, flow);
        try
        {
            return await start(output, flow.CancellationToken).ConfigureAwait(false);
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

    private static AgentDefinition? FindAgent(RuntimeConfig config, string label)
    {
        foreach (var agent in config.Agents)
        {
            var labels = agent.Labels.Add(agent.Name);
            if (LabelExpression.Matches(label, labels))
            {
                return agent;
            }
        }

        return null;
    }

    /// <summary>An allocated node and what to release when its scope ends.</summary>
    public sealed class Allocation(NodeContext node, Workspaces.Lease? lease) : IAsyncDisposable
    {
        public NodeContext Node { get; } = node;

        public async ValueTask DisposeAsync()
        {
            try
            {
                await Node.Agent.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                lease?.Dispose();
            }
        }
    }
}
