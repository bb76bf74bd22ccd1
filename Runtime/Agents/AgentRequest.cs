namespace ContainerCd.Runtime.Agents;

/// <summary>
/// What a pipeline asks of an agent provider. <see cref="Workspace"/> is the host path the engine
/// chose for the workspace (created before the agent starts). <see cref="Docker"/> is set for
/// container agents (<c>agent { docker ... }</c>, <c>agent { dockerfile ... }</c>, a label that the
/// configuration maps to an image, or <c>docker.image(...).inside</c>). <see cref="ResourceScope"/> labels the
/// processes and containers the agent starts, so that the build's end removes exactly those.
/// </summary>
public sealed record AgentRequest(
    string ResourceScope,
    string Job,
    int BuildNumber,
    string? Label,
    string Workspace,
    IReadOnlyDictionary<string, string> NodeEnvironment,
    DockerAgentSpec? Docker);
