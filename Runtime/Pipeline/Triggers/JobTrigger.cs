using System.Collections.Immutable;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.Triggers;

/// <summary>
/// A trigger a build registered for its job (Declarative <c>triggers { }</c>, or
/// <c>properties([pipelineTriggers([...])])</c>), as Jenkins keeps it in the job's PipelineTriggersJobProperty.
/// </summary>
public abstract record JobTrigger;

/// <summary><c>cron('spec')</c>: a build, started by timer, in every minute the spec names.</summary>
public sealed record CronTrigger(string Spec) : JobTrigger;

/// <summary><c>pollSCM('spec')</c>: a poll in every minute the spec names (and on a post-commit hook unless ignored), a build only when the source moved.</summary>
public sealed record PollScmTrigger(string Spec, bool IgnorePostCommitHooks) : JobTrigger;

/// <summary><c>upstream(upstreamProjects: 'a,b', threshold: ...)</c>: a build when one of those jobs finishes with this result or better.</summary>
public sealed record UpstreamTrigger(ImmutableArray<string> Projects, BuildResult Threshold) : JobTrigger;
