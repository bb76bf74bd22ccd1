using ContainerCd.Runtime.Agents;

namespace ContainerCd.Runtime.Pipeline.Agents;

/// <summary>What a pipeline asks for: any node, a label expression, or a container (docker/dockerfile), with an optional custom workspace.</summary>
public sealed record AgentChoice(string? Label, DockerAgentSpec? Docker, string? CustomWorkspace)
{
    public static AgentChoice Any { get; } = new(null, null, null);
}
