namespace ContainerCd.Runtime.History;

/// <summary>
/// A commit a build checked out: the repository (its normalised URL, so <c>/srv/app.git</c> and
/// <c>file:///srv/app.git</c> are one), the branch (or tag, or revision asked for) and the commit id. The next
/// build's <c>GIT_PREVIOUS_COMMIT</c> and changelog start from it, as Jenkins' BuildData does.
/// </summary>
public sealed record ScmRevision(string Url, string Branch, string Commit);
