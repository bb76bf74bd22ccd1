namespace ContainerCd.Runtime.Agents;

/// <summary>
/// What a pipeline asks of an agent provider. <see cref="Workspace"/> is the host path the engine
/// chose for the workspace (created before the agent starts). <see cref="Docker"/> is set for
/// container agents (<c>agent { docker ... }</c>, <c>agent { dockerfile ... }</c>, a label that the
/// configuration maps to an image, or <c>docker.image(...).inside</c>).
/// </summary>
public sealed record AgentRequest(
    string BuildId,
    string Job,
    int BuildNumber,
    string? Label,
    string Workspace,
    IReadOnlyDictionary<string, string> NodeEnvironment,
    DockerAgentSpec? Docker);
