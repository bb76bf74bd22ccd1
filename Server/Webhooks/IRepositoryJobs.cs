using System.Collections.Immutable;

namespace ContainerCd.Server.Webhooks;

/// <summary>
/// The seam between the request side of webhooks and <c>notifyCommit</c> (verified and parsed here) and the jobs
/// that live in repositories (<see cref="Repositories.RepositoryJobs"/>): which jobs watch which repository, with
/// which secret, and what a verified push or commit notification does to them. Everything else (URL matching,
/// signatures, branch filters of notifyCommit, polling) is done by the caller.
/// </summary>
internal interface IRepositoryJobs
{
    /// <summary>Every job whose source is a git repository.</summary>
    IReadOnlyList<RepositoryJob> All();

    /// <summary>
    /// A push (branch or tag, created, moved or deleted) whose signature this job's secret verified: start what it
    /// calls for (one build per affected branch of the job) and say what was started, one line each
    /// (<c>Scheduled app #3</c>), or why nothing was.
    /// </summary>
    IReadOnlyList<string> Pushed(RepositoryJob job, GitPush push);

    /// <summary>
    /// A pull/merge request event this job's secret verified: a multibranch job discovering change requests keeps
    /// what it tells (title, author, target; closed) and is scanned, the event's change request built when it moved.
    /// Says what was started, or why nothing was.
    /// </summary>
    IReadOnlyList<string> ChangeRequested(RepositoryJob job, GitChangeRequestEvent change);

    /// <summary><c>notifyCommit?sha1=</c> for this job: build that commit (Started by commit notification SHA1); false when it cannot.</summary>
    bool BuildCommit(RepositoryJob job, string sha1);

    /// <summary><c>notifyCommit</c> for a multibranch job: scan it (its new and moved branches are built).</summary>
    void Index(RepositoryJob job);
}

/// <summary>
/// A job that builds from a repository: its name, the repository's URL, the branches it builds (a multibranch
/// job: empty, every branch), the secret its webhooks are signed with (none: webhooks are refused for it) and whether
/// it is a multibranch job (notifyCommit scans it rather than polling it).
/// </summary>
internal sealed record RepositoryJob(string Name, string RepositoryUrl, ImmutableArray<string> Branches, SecretText? WebhookSecret, bool Multibranch = false);
