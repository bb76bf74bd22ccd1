namespace ContainerCd.Runtime.Agents;

/// <summary>
/// A config agent with <c>docker: isolated</c>: a container agent (<see cref="Container"/>: its image, args and
/// limits) whose steps reach a Docker engine of the build's own instead of the host's; <see cref="Cache"/> keeps
/// that engine's layer cache per job (<c>cache: true</c>).
/// </summary>
public sealed record IsolatedEngineAgentSpec(ContainerAgentSpec Container, bool Cache) : AgentSpec
{
    public override string Kind => "isolated Docker engine";

    public override string NoProviderMessage =>
        $"The agent '{Node?.Name ?? Label}' asks for an isolated Docker engine (docker: isolated), but isolated engines are not available here (no Docker provider is registered): run with a Docker engine.";
}
