namespace ContainerCd.Runtime.Pipeline.Scm;

/// <summary>
/// One git checkout as Jenkins' GitSCM describes it (the <c>git</c> step, <c>checkout([$class: 'GitSCM', ...])</c>,
/// <c>checkout scmGit(...)</c>, <c>checkout scm</c> of a repository): the remote and its credential, the branch
/// specifier (or a pinned commit), and the supported extensions.
/// </summary>
internal sealed record GitScmSpec
{
    public required string Url { get; init; }

    public string? CredentialsId { get; init; }

    /// <summary>A branch specifier (<c>*/main</c>, <c>main</c>, a tag, a commit id); Jenkins' default is any branch (<c>**</c>).</summary>
    public string Branch { get; init; } = "**";

    /// <summary>The exact commit to check out (the one a repository build's Jenkinsfile was read from); <see cref="Branch"/> then only names it.</summary>
    public string? PinnedCommit { get; init; }

    /// <summary>RelativeTargetDirectory: a folder of the workspace to check out into.</summary>
    public string? RelativeTargetDirectory { get; init; }

    /// <summary>CleanBeforeCheckout / CleanCheckout: untracked and ignored files are removed.</summary>
    public bool Clean { get; init; }

    /// <summary>LocalBranch: the branch the working copy is on (<c>**</c>: the remote branch's name); null leaves a detached HEAD.</summary>
    public string? LocalBranch { get; init; }

    /// <summary>CloneOption: a shallow fetch of this depth (shallow with no depth is 1).</summary>
    public int? Depth { get; init; }

    public bool NoTags { get; init; }

    public string? Reference { get; init; }

    /// <summary>The checkout step's <c>changelog</c>: whether the changes since the previous build are computed.</summary>
    public bool Changelog { get; init; } = true;
}
