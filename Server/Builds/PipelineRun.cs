using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.History;
using ContainerCd.Server.Jobs;

namespace ContainerCd.Server.Builds;

/// <summary>Everything an executor needs for one build.</summary>
internal sealed record PipelineRun(
    JobDefinition Job,
    int Number,
    string BuildId,
    ContainerCd.Runtime.Pipeline.BuildCause Cause,
    IReadOnlyDictionary<string, string> Parameters,
    string Home,
    string? ConfigFile,
    IBuildObserver Observer,
    IBuildHistory History,
    InputBroker Inputs)
{
    /// <summary>Queues a build of another job on this server and waits for its end (the <c>build</c> step).</summary>
    public Func<string, IReadOnlyDictionary<string, string>, CancellationToken, Task<DownstreamOutcome>>? LaunchJob { get; init; }

    /// <summary>For a repository job: the commit to build (a commit notification's <c>sha1</c>); null builds the branch's head.</summary>
    public string? Revision { get; init; }

    /// <summary>Registers the triggers the build declares for its job (<c>triggers { }</c>, <c>pipelineTriggers</c>).</summary>
    public Action<System.Collections.Immutable.ImmutableArray<ContainerCd.Runtime.Pipeline.Triggers.JobTrigger>>? TriggersDeclared { get; init; }
}

/// <summary>How a downstream build ended.</summary>
internal sealed record DownstreamOutcome(string BuildId, int Number, ContainerCd.Runtime.Results.BuildResult Result, TimeSpan Duration);
