using System.Collections.Immutable;

namespace ContainerCd.Runtime.Agents.Host;

/// <summary>Runs steps as processes on this machine (the built-in node, and config agents without an image).</summary>
public sealed class HostAgentProvider : IAgentProvider
{
    public static HostAgentProvider Instance { get; } = new();

    public bool CanStart(AgentSpec spec) => spec is HostAgentSpec;

    public ValueTask<IAgent> StartAsync(AgentRequest request, IShellOutput log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var labels = request.Spec.Label is { Length: > 0 } label ? ImmutableArray.Create(label) : [];
        var agent = new HostAgent("built-in", labels, request.Workspace, request.NodeEnvironment, request.ResourceScope);
        agent.StartShell();
        return ValueTask.FromResult<IAgent>(agent);
    }

    /// <summary>Kills the processes the build's steps left running (daemons, background jobs), found by the build's cookie.</summary>
    public ValueTask ReleaseBuildAsync(string resourceScope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resourceScope);
        HostAgent.KillLeftovers(resourceScope);
        return ValueTask.CompletedTask;
    }
}
