namespace ContainerCd.Runtime.Docker;

/// <summary>
/// A remote node's workspace volume (and its <c>WORKSPACE@tmp</c> beside it, <see cref="ContainerFactory.TempVolume"/>),
/// made by the engine as the agent's container is created (a volume mount with these labels), so that the scope's and
/// the build's end remove them: no call of its own before the container's.
/// </summary>
internal sealed record WorkspaceVolume(string Name, Dictionary<string, string> Labels);
