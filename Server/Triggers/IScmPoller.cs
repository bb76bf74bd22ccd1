using ContainerCd.Server.Jobs;

namespace ContainerCd.Server.Triggers;

/// <summary>
/// The seam pollSCM (and <c>notifyCommit</c>) polls through: has this job's source moved since its last build?
/// The git core implements it for jobs that live in a repository; a job with no repository never moves.
/// </summary>
internal interface IScmPoller
{
    ValueTask<bool> HasMovedAsync(JobDefinition job, CancellationToken cancellationToken);
}
