using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Scm;
using ContainerCd.Server.Builds;
using ContainerCd.Server.Jobs;
using ContainerCd.Server.Storage;
using ContainerCd.Server.Triggers;
using ContainerCd.Server.Webhooks;

namespace ContainerCd.Server.Repositories;

/// <summary>
/// The jobs that live in repositories, as webhooks, <c>notifyCommit</c> and pollSCM reach them. A verified push to a
/// single-branch job's branch builds it when the pushed commit is not the one it last built (GitHub's and GitLab's
/// plugins poll before they build); a push to a multibranch job's repository scans it, and the scan builds the
/// children whose branch is new or moved. A poll fetches the mirror and compares the branch's head with the commit
/// the job's last build checked out (<c>scm_revisions</c>).
/// </summary>
internal sealed class RepositoryJobs(JobCatalog jobs, BuildQueue queue, BuildStore store, MultibranchScanner scanner, RuntimeConfig config, BuildPaths paths)
    : IRepositoryJobs, IScmPoller
{
    public IReadOnlyList<RepositoryJob> All() =>
        [.. jobs.All().Where(job => job.Repository is not null).Select(job => new RepositoryJob(
            job.Name,
            job.Repository!.Url,
            job.IsMultibranch ? [] : BranchOf(job) is { } branch ? [branch] : [],
            GitCredentials.WebhookSecret(config, job.Repository.WebhookSecretId),
            job.IsMultibranch))];

    public IReadOnlyList<string> Pushed(RepositoryJob job, GitPush push)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(push);
        if (jobs.Find(job.Name) is not { Repository: { } repository } definition)
        {
            return [];
        }

        if (definition.IsMultibranch)
        {
            var cause = RepositoryCauses.BranchEvent(push.Branch ?? push.Tag ?? push.Ref);
            _ = scanner.ScanAsync(definition, $"Started by a {push.Provider} push to {push.Ref}", push.Ref, cause);
            return [$"Scheduled indexing of {job.Name}"];
        }

        if (push.Branch is not { } branch || push.Deleted)
        {
            return [$"Nothing to build in {job.Name}: {push.Ref} was {(push.Deleted ? "deleted" : "a tag; single-branch jobs build their branch")}"];
        }

        if (!job.Branches.IsEmpty && !job.Branches.Any(spec => BranchSpecs.Match(spec, branch)))
        {
            return [];
        }

        if (store.GetLastRecordedCommit(job.Name, GitRemote.Parse(repository.Url).Normalized) == push.After)
        {
            return [$"Nothing to build in {job.Name}: {push.After} was built already"];
        }

        if (queue.HasQueued(job.Name))
        {
            return [$"{job.Name} is already waiting in the queue"];
        }

        var build = queue.Trigger(definition, new Dictionary<string, string>(), RepositoryCauses.Push(push));
        return [$"Scheduled {job.Name} #{build.Number}"];
    }

    public IReadOnlyList<string> ChangeRequested(RepositoryJob job, GitChangeRequestEvent change)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(change);
        if (jobs.Find(job.Name) is not { Repository: { } repository } definition)
        {
            return [];
        }

        if (!definition.IsMultibranch || !repository.DiscoversChangeRequests)
        {
            return [$"Nothing to build in {job.Name}: only multibranch jobs discovering pullRequests build change requests"];
        }

        store.SaveChangeRequest(job.Name, change.Change with { Closed = change.Closed });
        _ = scanner.ScanAsync(definition, $"Started by a {change.Provider} event: {change.Description}", change.Ref, RepositoryCauses.ChangeRequestEvent(change));
        return [$"Scheduled indexing of {job.Name}"];
    }

    public bool BuildCommit(RepositoryJob job, string sha1)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (jobs.Find(job.Name) is not { Repository: not null, Buildable: true } definition)
        {
            return false;
        }

        queue.Trigger(definition, new Dictionary<string, string>(), BuildCause.CommitHook(sha1), sha1);
        return true;
    }

    public void Index(RepositoryJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (jobs.Find(job.Name) is { IsMultibranch: true } definition)
        {
            _ = scanner.ScanAsync(definition, $"Started by a commit notification for {job.RepositoryUrl}");
        }
    }

    public async ValueTask<bool> HasMovedAsync(JobDefinition job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (job.Repository is not { } repository || !job.Buildable)
        {
            return false;
        }

        var remote = GitRemote.Parse(repository.Url);
        var mirror = await new GitMirrors(paths.Home)
            .FetchAsync(remote, GitCredentials.Fetch(config, repository.CredentialsId, "credentialsId"), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var branch = repository.Branch ?? mirror.DefaultBranch;
        if (branch is null || mirror.Resolve(branch) is not { Ref: not null } head)
        {
            return false;
        }

        return store.GetLastRecordedCommit(job.Name, remote.Normalized) != head.Commit;
    }

    /// <summary>A single-branch job's branch: the configured one, else the remote's default branch as its mirror knows it (null before a first fetch).</summary>
    private string? BranchOf(JobDefinition job) =>
        job.Repository!.Branch ?? new GitMirrors(paths.Home).Open(GitRemote.Parse(job.Repository.Url))?.DefaultBranch;
}
