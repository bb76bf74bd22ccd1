using ContainerCd.Runtime.Pipeline.Configuration;

namespace ContainerCd.Runtime.Agents;

/// <summary>
/// What an agent scope asks for, one case per kind of agent: <see cref="HostAgentSpec"/>, <see cref="ContainerAgentSpec"/>
/// (an image or a Dockerfile), and <see cref="LabelAgentSpec"/> before the config has said which kind a label is.
/// Made from the Jenkinsfile's agent directive (or the <c>node</c> step) and the config in one place,
/// <c>Pipeline.Agents.AgentSpecs</c>; each <see cref="IAgentProvider"/> says which cases it starts.
/// </summary>
public abstract record AgentSpec
{
    /// <summary>The label expression the pipeline asked for (<c>label 'x'</c>, <c>docker { label 'x' }</c>, <c>node('x')</c>); null: any node.</summary>
    public string? Label { get; init; }

    /// <summary>The config's <c>agents:</c> entry the label matched: its name, labels and environment make the node. Null: the built-in node.</summary>
    public AgentDefinition? Node { get; init; }

    /// <summary><c>customWorkspace</c>: the workspace's path, relative to the home's workspaces, or absolute.</summary>
    public string? CustomWorkspace { get; init; }

    /// <summary>The kind in the words of a Jenkinsfile, for messages: host, docker, dockerfile...</summary>
    public abstract string Kind { get; }

    /// <summary>The error when no registered provider starts this kind: names the kind and what to do.</summary>
    public virtual string NoProviderMessage =>
        $"This pipeline asks for a {Kind} agent, but {Kind} agents are not available here (no agent provider for them is registered).";
}
