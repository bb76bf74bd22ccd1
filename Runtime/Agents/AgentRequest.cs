namespace ContainerCd.Runtime.Agents;

/// <summary>
/// What a pipeline asks of an agent provider: the <see cref="Spec"/> of the agent (a case the provider said it
/// starts), the host path the engine chose for the workspace (created before the agent starts), the node's
/// environment, and <see cref="ResourceScope"/>, which labels the processes and containers the agent starts so
/// that the build's end (<see cref="IAgentProvider.ReleaseBuildAsync"/>) removes exactly those.
/// </summary>
public sealed record AgentRequest(
    string ResourceScope,
    string Job,
    int BuildNumber,
    string Workspace,
    IReadOnlyDictionary<string, string> NodeEnvironment,
    AgentSpec Spec);
