using System.Collections.Immutable;

namespace ContainerCd.Runtime.Delivery.Compose;

/// <summary>A Compose template as ContainerCd applies it: its services and the networks and named volumes they use.</summary>
public sealed record ComposeFile(
    string? Name,
    ImmutableArray<ComposeService> Services,
    ImmutableArray<ComposeNetwork> Networks,
    ImmutableArray<ComposeVolume> Volumes)
{
    public ComposeService? Service(string name) => Services.FirstOrDefault(s => s.Name == name);
}

/// <summary>A network of the project (<c>networks: { back: {} }</c>); created as <c>PROJECT_KEY</c> unless it has a <see cref="Name"/>.</summary>
public sealed record ComposeNetwork(string Key, string? Name);

/// <summary>A named volume of the project; created as <c>PROJECT_KEY</c> unless it has a <see cref="Name"/>.</summary>
public sealed record ComposeVolume(string Key, string? Name);
