using System.Collections.Immutable;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Server.Webhooks;

namespace ContainerCd.Server.Repositories;

/// <summary>
/// The causes Jenkins' plugins give builds a repository starts: the GitHub plugin's push cause, the GitLab plugin's
/// webhook cause, and the branch API's causes for multibranch children (a push event, a branch indexing).
/// </summary>
internal static class RepositoryCauses
{
    /// <summary>A verified push to a single-branch job, as the provider's plugin words it.</summary>
    public static BuildCause Push(GitPush push)
    {
        ArgumentNullException.ThrowIfNull(push);
        var pusher = push.Pusher ?? string.Empty;
        return push.Provider switch
        {
            nameof(GitProvider.GitHub) => new BuildCause("com.cloudbees.jenkins.GitHubPushCause", "Started by GitHub push by " + pusher, Fields(("pushedBy", pusher))),
            nameof(GitProvider.GitLab) => new BuildCause("com.dabsquared.gitlabjenkins.cause.GitLabWebHookCause", "Started by GitLab push by " + pusher, Fields(("pushedBy", pusher))),
            _ => BranchEvent(push.Branch ?? push.Tag ?? push.Ref),
        };
    }

    /// <summary>Jenkins' branch API: a build a webhook event started (<c>Push event to branch main</c>).</summary>
    public static BuildCause BranchEvent(string branch) => new("jenkins.branch.BranchEventCause", "Push event to branch " + branch);

    /// <summary>Jenkins' branch API: a build a pull/merge request event started, described as the branch source does (<c>Pull request #1 opened</c>).</summary>
    public static BuildCause ChangeRequestEvent(GitChangeRequestEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new("jenkins.branch.BranchEventCause", change.Description);
    }

    /// <summary>Jenkins' branch API: a build a scan started (a new branch, or one that moved).</summary>
    public static BuildCause BranchIndexing() => new("jenkins.branch.BranchIndexingCause", "Branch indexing");

    private static ImmutableSortedDictionary<string, object> Fields(params (string Name, object Value)[] fields) =>
        fields.ToImmutableSortedDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal);
}
