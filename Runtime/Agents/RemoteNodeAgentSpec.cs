using ContainerCd.Runtime.Pipeline.Configuration;

namespace ContainerCd.Runtime.Agents;

/// <summary>
/// An agent on a remote Docker engine of the config's <c>engines:</c>: <c>agent { label 'x' }</c> where an engine has
/// label (or name) x, in that engine's <see cref="EngineDefinition.Image"/>; or <c>agent { docker { label 'x'; image '...' } }</c>
/// (<see cref="Container"/>) in the given image there. Which engine runs it is the provider's choice (least loaded).
/// </summary>
public sealed record RemoteNodeAgentSpec(ContainerAgentSpec? Container) : AgentSpec
{
    public override string Kind => "remote node";

    public override string NoProviderMessage =>
        $"This pipeline asks for a node with the label ‘{Label}’, which the config's engines: have, but remote engines are not available here (no provider for them is registered).";
}
