using ContainerCd.Runtime.Scm;

namespace ContainerCd.Server.Jobs;

/// <summary>
/// What a multibranch child builds: its parent, the branch or tag name (<c>feature/x</c>, <c>v1.2</c>) or change
/// request (<c>PR-1</c>, <c>MR-2</c>), which kind, whether it is the repository's primary (default) branch, and
/// whether the branch is gone or the change request closed (the child retired: its history kept, no new build).
/// </summary>
internal sealed record BranchHead(string Parent, string RefName, GitRefKind Kind, bool Primary, bool Retired)
{
    /// <summary>What is known of a change request child (a webhook's details), or null for branches and tags.</summary>
    public ChangeRequest? Change { get; init; }

    /// <summary>The child's name as Jenkins gives it: the branch name URL-encoded once (<c>feature/x</c> → <c>feature%2Fx</c>).</summary>
    public static string ChildName(string refName) => Uri.EscapeDataString(refName);

    public string FullName => Parent + "/" + ChildName(RefName);
}
