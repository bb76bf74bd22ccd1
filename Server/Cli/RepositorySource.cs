using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Pipeline.Scm;
using ContainerCd.Runtime.Scm;

namespace ContainerCd.Server.Cli;

/// <summary>
/// <c>containercd run --repo URL [--branch B] [--script-path P] [--credentials-id ID]</c>: the Jenkinsfile read
/// with libgit2 from the head commit of the branch (default: the remote's default branch) in the repository's
/// mirror under the home, no working copy involved; the build then checks out exactly that commit.
/// </summary>
internal static class RepositorySource
{
    /// <summary>The build's source and its Jenkinsfile, or why they cannot be read (git's reason).</summary>
    public static async Task<(GitSource? Source, string? Jenkinsfile, string? Error)> ReadAsync(
        string url, string? branch, string scriptPath, string? credentialsId, RuntimeConfig config, string home, CancellationToken cancellationToken)
    {
        try
        {
            var remote = GitRemote.Parse(url);
            var credential = Repositories.GitCredentials.Fetch(config, credentialsId, "--credentials-id");
            var mirror = await new GitMirrors(home).FetchAsync(remote, credential, cancellationToken: cancellationToken).ConfigureAwait(false);
            branch ??= mirror.DefaultBranch ?? throw new GitException($"{url} has no default branch: give one with --branch");
            var head = mirror.Resolve(branch) is { Ref.Kind: GitRefKind.Branch or GitRefKind.Tag } resolved
                ? resolved
                : throw new GitException($"{url} has no branch or tag '{branch}'");
            var jenkinsfile = mirror.ReadFile(head.Commit, scriptPath)
                ?? throw new GitException($"{url} has no {scriptPath} in {branch} (commit {head.Commit})");
            return (new GitSource(url, head.Ref!.Name, head.Commit) { CredentialsId = credentialsId, ScriptPath = scriptPath }, jenkinsfile, null);
        }
        catch (GitException e)
        {
            return (null, null, e.Message);
        }
    }

    /// <summary>The job name a repository gives by default: its name without <c>.git</c>.</summary>
    public static string JobName(string url)
    {
        try
        {
            return GitRemote.Parse(url).RepositoryName;
        }
        catch (GitException)
        {
            return "job";
        }
    }
}
