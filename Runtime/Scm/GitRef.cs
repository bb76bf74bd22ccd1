namespace ContainerCd.Runtime.Scm;

/// <summary>What a ref is: a branch (<c>refs/heads/</c>), a tag (<c>refs/tags/</c>) or another ref (a pull request's <c>refs/pull/N/head</c>).</summary>
public enum GitRefKind
{
    Branch,
    Tag,
    Other,
}

/// <summary>A ref of a mirror: its full name, short name (<c>main</c>, <c>v1.0</c>), kind, and the commit it leads to (a tag's target commit).</summary>
public sealed record GitRef(string CanonicalName, string Name, GitRefKind Kind, string Commit);
