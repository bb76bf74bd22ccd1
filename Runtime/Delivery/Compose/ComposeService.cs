using System.Collections.Immutable;

namespace ContainerCd.Runtime.Delivery.Compose;

/// <summary>
/// One service of a template. <see cref="Command"/> and <see cref="Entrypoint"/> are null when the image's own
/// apply; <see cref="Networks"/> is never empty (<c>default</c> when the template names none).
/// </summary>
public sealed record ComposeService(
    string Name,
    string? Image,
    ServiceBuild? Build,
    ImmutableArray<string>? Command,
    ImmutableArray<string>? Entrypoint,
    ImmutableArray<KeyValuePair<string, string>> Environment,
    ImmutableArray<PortMapping> Ports,
    ComposeHealthcheck? Healthcheck,
    ImmutableArray<ServiceDependency> DependsOn,
    ImmutableArray<ServiceNetwork> Networks,
    ImmutableArray<VolumeMount> Volumes,
    ImmutableDictionary<string, string> Labels,
    string? Restart,
    string? WorkingDir,
    string? User,
    DeployConfig Deploy);

/// <summary><c>build:</c> a context directory (relative to the template's directory), its Dockerfile and build args.</summary>
public sealed record ServiceBuild(string Context, string? Dockerfile, ImmutableDictionary<string, string> Args);

/// <summary>A published port: clients use <see cref="HostIp"/>:<see cref="Published"/>, the router sends to the container's <see cref="Target"/>.</summary>
public sealed record PortMapping(string HostIp, int? Published, int Target);

public enum DependencyCondition
{
    Started,
    Healthy,
}

/// <summary><c>depends_on</c>: started before this service, and with <see cref="DependencyCondition.Healthy"/> healthy first.</summary>
public sealed record ServiceDependency(string Service, DependencyCondition Condition);

/// <summary>A network the service joins, with extra DNS aliases (the service name is always one).</summary>
public sealed record ServiceNetwork(string Key, ImmutableArray<string> Aliases);

/// <summary>A named volume mounted at <see cref="Target"/>.</summary>
public sealed record VolumeMount(string Volume, string Target, bool ReadOnly);

/// <summary>Docker's healthcheck as the template gives it: <c>["CMD", ...]</c>, <c>["CMD-SHELL", "..."]</c> or <c>["NONE"]</c>.</summary>
public sealed record ComposeHealthcheck(
    ImmutableArray<string> Test,
    TimeSpan? Interval,
    TimeSpan? Timeout,
    int? Retries,
    TimeSpan? StartPeriod,
    TimeSpan? StartInterval);
