namespace ContainerCd.Runtime.Scm;

/// <summary>
/// What a ref is: a branch (<c>refs/heads/</c>), a tag (<c>refs/tags/</c>), a change request a forge publishes (a
/// pull request's <c>refs/pull/N/head</c>, a GitLab merge request's <c>refs/merge-requests/N/head</c>) or another ref.
/// </summary>
public enum GitRefKind
{
    Branch,
    Tag,
    Other,
    ChangeRequest,
}

/// <summary>
/// A ref of a mirror: its full name, short name (<c>main</c>, <c>v1.0</c>; a change request's as Jenkins' branch
/// sources name it, <c>PR-1</c>, <c>MR-2</c>), kind, and the commit it leads to (a tag's target commit).
/// </summary>
public sealed record GitRef(string CanonicalName, string Name, GitRefKind Kind, string Commit);
