using System.Collections.Immutable;
using System.Globalization;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Pipeline.Scm;
using ContainerCd.Runtime.Scm;
using ContainerCd.Server.Jobs;

namespace ContainerCd.Server.Repositories;

/// <summary>
/// What a build of a repository job runs: the mirror fetched (a clone the first time), the commit chosen (the
/// branch's head, or the commit a notification named), the Jenkinsfile read from that commit with libgit2, and for a
/// multibranch child the variables Jenkins' branch API sets (<c>BRANCH_NAME</c>, <c>BRANCH_IS_PRIMARY</c>, <c>TAG_NAME</c>,
/// <c>CHANGE_*</c> for a change request).
/// </summary>
internal sealed record RepositoryBuildSource(GitSource Source, string Jenkinsfile, ImmutableDictionary<string, string> Environment)
{
    /// <summary>Reads the build's source; a repository, branch, commit or script path that cannot be read fails with git's reason.</summary>
    public static async Task<RepositoryBuildSource> ReadAsync(JobDefinition job, string? revision, RuntimeConfig config, string home, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var repository = job.Repository ?? throw new ArgumentException($"{job.Name} is no repository job", nameof(job));
        var remote = GitRemote.Parse(repository.Url);
        var credential = GitCredentials.Fetch(config, repository.CredentialsId, "credentialsId");
        var changeRef = job.Branch is { Kind: GitRefKind.ChangeRequest } change ? GitChangeRequests.RefOf(change.RefName) : null;
        var mirror = await new GitMirrors(home)
            .FetchAsync(remote, credential, changeRef is null ? null : ["+" + changeRef + ":" + changeRef], cancellationToken)
            .ConfigureAwait(false);
        var branch = repository.Branch ?? mirror.DefaultBranch ?? throw new GitException($"{repository.Url} has no default branch: give the job a branch");
        var head = job.Branch is { Kind: GitRefKind.Tag or GitRefKind.ChangeRequest } named
            ? mirror.ListRefs().FirstOrDefault(r => r.Kind == named.Kind && r.Name == named.RefName) is { } found ? new GitResolution(found.Commit, found) : null
            : mirror.Resolve(branch);
        if (head?.Ref is null)
        {
            throw new GitException($"{repository.Url} has no {(changeRef is null ? "branch or tag" : "change request ref " + changeRef + " for")} '{branch}'");
        }

        var commit = head.Commit;
        if (revision is not null)
        {
            commit = mirror.Resolve(revision)?.Commit ?? throw new GitException($"{repository.Url} has no commit {revision}");
        }

        var jenkinsfile = mirror.ReadFile(commit, repository.ScriptPath)
            ?? throw new GitException($"{repository.Url} has no {repository.ScriptPath} in {head.Ref.Name} (commit {commit})");
        // A change request is checked out by its ref (refs/pull/1/head), which is no branch of the remote.
        var source = new GitSource(remote.Url, head.Ref.Kind == GitRefKind.ChangeRequest ? head.Ref.CanonicalName : head.Ref.Name, commit)
        {
            CredentialsId = repository.CredentialsId,
            ScriptPath = repository.ScriptPath,
            FromBranchSource = job.Branch is not null,
        };
        return new RepositoryBuildSource(source, jenkinsfile, BranchVariables(job.Branch, mirror, head.Ref));
    }

    private static ImmutableDictionary<string, string> BranchVariables(BranchHead? child, GitReader mirror, GitRef head)
    {
        var variables = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (child is null)
        {
            return variables.ToImmutable();
        }

        variables["BRANCH_NAME"] = child.RefName;
        if (child.Kind == GitRefKind.ChangeRequest)
        {
            variables.AddRange((child.Change ?? new ChangeRequest(child.RefName)).Variables(mirror.DefaultBranch));
        }

        if (child.Primary)
        {
            variables["BRANCH_IS_PRIMARY"] = "true";
        }

        if (child.Kind == GitRefKind.Tag && mirror.GetCommit(head.Commit) is { } tagged)
        {
            var time = tagged.CommitterTime;
            variables["TAG_NAME"] = child.RefName;
            variables["TAG_TIMESTAMP"] = time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            variables["TAG_UNIXTIME"] = time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            variables["TAG_DATE"] = time.ToUniversalTime().ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture);
        }

        return variables.ToImmutable();
    }
}
