using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Scm;

namespace ContainerCd.Runtime.Pipeline.Scm;

/// <summary>The map a git checkout returns (and Declarative's automatic checkout puts in env), as Jenkins' git plugin names it.</summary>
internal static class ScmVariables
{
    public static GroovyMap For(GitCommitInfo commit, string url, string branch, string? localBranch, string? previous, string? previousSuccessful)
    {
        var variables = new GroovyMap
        {
            ["GIT_BRANCH"] = branch,
            ["GIT_COMMIT"] = commit.Commit,
        };
        if (previous is not null)
        {
            variables["GIT_PREVIOUS_COMMIT"] = previous;
        }

        if (previousSuccessful is not null)
        {
            variables["GIT_PREVIOUS_SUCCESSFUL_COMMIT"] = previousSuccessful;
        }

        if (localBranch is not null)
        {
            variables["GIT_LOCAL_BRANCH"] = localBranch;
        }

        variables["GIT_URL"] = url;
        variables["GIT_AUTHOR_NAME"] = commit.AuthorName;
        variables["GIT_AUTHOR_EMAIL"] = commit.AuthorEmail;
        variables["GIT_COMMITTER_NAME"] = commit.CommitterName;
        variables["GIT_COMMITTER_EMAIL"] = commit.CommitterEmail;
        return variables;
    }
}
