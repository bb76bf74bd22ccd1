using System.Collections.Immutable;

namespace ContainerCd.Runtime.Scm;

/// <summary>
/// A working copy to make: <see cref="Commit"/> checked out in <see cref="Directory"/> (a git repository whose
/// <c>origin</c> is <see cref="Remote"/>'s URL, with its branches as <c>origin/*</c>), the objects fetched from
/// <see cref="Source"/> (the remote's mirror, or the project's own repository), as Jenkins' git plugin leaves a
/// workspace: a detached HEAD, or <see cref="LocalBranch"/> when set (the LocalBranch extension).
/// </summary>
public sealed record GitCheckoutOptions
{
    public required string Directory { get; init; }

    public required GitRemote Remote { get; init; }

    public required string Source { get; init; }

    public required string Commit { get; init; }

    /// <summary>Refs fetched besides the branches and tags, e.g. a pull request's <c>+refs/pull/1/head:refs/remotes/origin/PR-1</c>.</summary>
    public ImmutableArray<string> RefSpecs { get; init; } = [];

    /// <summary>The branch to check the commit out on (<c>git checkout -B NAME COMMIT</c>); null for a detached HEAD.</summary>
    public string? LocalBranch { get; init; }

    /// <summary>Removes untracked and ignored files first (<c>git clean -fdx</c>: CleanBeforeCheckout, CleanCheckout).</summary>
    public bool Clean { get; init; }

    /// <summary>A shallow fetch of this many commits (CloneOption shallow/depth); null for the whole history.</summary>
    public int? Depth { get; init; }

    /// <summary>Fetches no tags (CloneOption noTags).</summary>
    public bool NoTags { get; init; }

    /// <summary>A repository whose objects are borrowed (CloneOption reference: git's alternates).</summary>
    public string? Reference { get; init; }
}
