namespace ContainerCd.Server.Nodes;

/// <summary>The free bytes of the file system holding <see cref="Path"/>, measured at <see cref="At"/> (Jenkins' DiskSpaceMonitor data).</summary>
internal sealed record DiskSpace(string Path, long Size, DateTimeOffset At);
