namespace ContainerCd.Runtime.Agents;

/// <summary>
/// A container agent: either an <see cref="Image"/> or a Dockerfile to build (<see cref="Dockerfile"/>), with the
/// options of Jenkins' docker and dockerfile agents (<c>agent { docker }</c>, <c>agent { dockerfile }</c>, a label the
/// config maps to an image, <c>docker.image(...).inside</c>). <see cref="Args"/> are <c>docker run</c> arguments as
/// one string, as Jenkinsfiles write them. <see cref="PassThroughDockerEngine"/> makes the host's Docker engine
/// (socket and a docker CLI) available inside the container.
/// </summary>
public sealed record ContainerAgentSpec(
    string? Image,
    DockerfileSpec? Dockerfile,
    string? Args,
    bool AlwaysPull,
    string? RegistryUrl,
    string? RegistryCredentialsId,
    bool PassThroughDockerEngine,
    long? MemoryLimitBytes,
    double? Cpus) : AgentSpec
{
    public override string Kind => Dockerfile is null ? "docker" : "dockerfile";

    public override string NoProviderMessage =>
        "This pipeline asks for a Docker agent, but Docker agents are not available here (no Docker provider is registered): run with a Docker engine, or use a host agent.";
}

/// <summary><c>agent { dockerfile { filename 'x'; dir 'y'; additionalBuildArgs '--build-arg a=b' } }</c>.</summary>
public sealed record DockerfileSpec(string Filename, string Directory, string? AdditionalBuildArgs);
