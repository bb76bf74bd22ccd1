namespace ContainerCd.Runtime.Agents;

/// <summary>Steps run as processes on this machine: the built-in node (<c>agent any</c>), or a config agent without an image.</summary>
public sealed record HostAgentSpec : AgentSpec
{
    public override string Kind => "host";
}
