using System.Collections.Immutable;
using ContainerCd.Parser.Cron;
using ContainerCd.Runtime.Pipeline.Triggers;

namespace ContainerCd.Server.Triggers;

/// <summary>
/// A job's registered triggers with their schedules parsed as Jenkins parses them when a trigger starts: each
/// spec with a hash of the job's full name, so <c>H</c> lands on the minute Jenkins would pick for this job.
/// </summary>
internal sealed record JobSchedule(string Job, ImmutableArray<JobTrigger> Triggers)
{
    public CronSchedule? Timer { get; } = Parse(Job, Triggers.OfType<CronTrigger>().FirstOrDefault()?.Spec);

    public CronSchedule? Poll { get; } = Parse(Job, Triggers.OfType<PollScmTrigger>().FirstOrDefault()?.Spec);

    /// <summary>Whether a post-commit hook (<c>notifyCommit</c>) may poll the job: it has pollSCM and does not ignore hooks.</summary>
    public bool PollsOnHooks => Triggers.OfType<PollScmTrigger>().Any(t => !t.IgnorePostCommitHooks);

    public IEnumerable<UpstreamTrigger> Upstream => Triggers.OfType<UpstreamTrigger>();

    private static CronSchedule? Parse(string job, string? spec) =>
        spec is null ? null : CronSchedule.Parse(spec, CronHash.From(job)).Schedule;
}
