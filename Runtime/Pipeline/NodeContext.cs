using System.Collections.Immutable;
using ContainerCd.Runtime.Agents;

namespace ContainerCd.Runtime.Pipeline;

/// <summary>An allocated node: the agent that runs steps, its workspace, name, labels and node environment.</summary>
public sealed record NodeContext(IAgent Agent, string Workspace, string NodeName, ImmutableArray<string> Labels, ImmutableDictionary<string, string> Environment, bool IsHost)
{
    /// <summary>EXECUTOR_NUMBER of this allocation.</summary>
    public int Executor { get; init; }
}
