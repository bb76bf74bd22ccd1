namespace ContainerCd.Runtime.Agents;

/// <summary>
/// Any node with a label (<c>agent any</c>, <c>agent { label 'x' }</c>, <c>agent { node { label 'x' } }</c>, the <c>node</c>
/// step), before the config says what the label is. <c>AgentSpecs.Resolve</c> turns it into the kind the config's
/// agent has (the built-in node, a host agent, an image); no provider starts it as it is.
/// </summary>
public sealed record LabelAgentSpec : AgentSpec
{
    public override string Kind => "label";
}
