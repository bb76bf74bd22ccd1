using System.Collections.Immutable;
using ContainerCd.Runtime.Scm;
using ContainerCd.Server.Jobs;

namespace ContainerCd.Server.Webhooks;

/// <summary>
/// A pull request event (GitHub, Gitea/Forgejo <c>pull_request</c>) or merge request event (GitLab <c>Merge Request
/// Hook</c>) in one shape: the repository's URLs, the provider's action (<c>opened</c>, <c>synchronize</c>,
/// <c>close</c>...), whether it leaves the change closed (closed or merged), and what it tells of the change.
/// </summary>
internal sealed record GitChangeRequestEvent(string Provider, ImmutableArray<string> RepositoryUrls, string Action, bool Closed, ChangeRequest Change)
{
    /// <summary>The change request's ref in the repository (<c>refs/pull/1/head</c>, <c>refs/merge-requests/2/head</c>).</summary>
    public string Ref => GitChangeRequests.RefOf(Change.Name)!;

    /// <summary>How Jenkins' branch sources describe the event (the build's cause): <c>Pull request #1 opened</c>.</summary>
    public string Description
    {
        get
        {
            var id = GitChangeRequests.IdOf(Change.Name);
            var what = GitChangeRequests.IsMergeRequest(Change.Name) ? "Merge request !" + id : "Pull request #" + id;
            var how = Closed ? "closed" : Action is "opened" or "reopened" or "open" or "reopen" ? "opened" : "updated";
            return what + " " + how;
        }
    }
}
