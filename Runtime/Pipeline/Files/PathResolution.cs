namespace ContainerCd.Runtime.Pipeline.Files;

/// <summary>Where a path of a file step leads (see <see cref="WorkspaceArea.Resolve"/>).</summary>
public enum PathVerdict
{
    /// <summary>Inside the workspace: <see cref="PathResolution.FullPath"/> is the real path (it may not exist yet).</summary>
    Inside,

    /// <summary>Outside the workspace, by the path itself (absolute, or <c>..</c>) or through a symbolic link.</summary>
    Outside,

    /// <summary>More symbolic links than the system follows (a cycle).</summary>
    TooManyLinks,
}

/// <summary>
/// The result of resolving a path in a <see cref="WorkspaceArea"/>: the real path when it is inside, or why not;
/// <see cref="Link"/> and <see cref="LinkTarget"/> name the last symbolic link followed (the one that left, when outside).
/// </summary>
public sealed record PathResolution(PathVerdict Verdict, string FullPath, string? Link = null, string? LinkTarget = null)
{
    public bool IsInside => Verdict == PathVerdict.Inside;

    /// <summary>Whether the path was reached through a symbolic link (a dangling one, when it does not exist).</summary>
    public bool ThroughLink => Link is not null;

    public bool Exists => IsInside && (File.Exists(FullPath) || Directory.Exists(FullPath));
}
