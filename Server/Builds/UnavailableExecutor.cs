using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Server.Builds;

/// <summary>Used until the runtime's engine is wired in: every build ends NOT_BUILT with a line saying why.</summary>
internal sealed class UnavailableExecutor(TimeProvider time) : IPipelineExecutor
{
    public Task<BuildResult> ExecuteAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var now = time.GetUtcNow();
        run.Observer.OnEvent(new BuildStarted(run.BuildId, 1, now, run.Job.Name, run.Number, run.Cause.ShortDescription));
        var text = "ERROR: this containercd was built without the pipeline engine; the build did not run.\nFinished: NOT_BUILT\n";
        run.Observer.OnEvent(new LogChunk(run.BuildId, 2, now, null, null, 0, text));
        run.Observer.OnEvent(new BuildFinished(run.BuildId, 3, time.GetUtcNow(), BuildResult.NotBuilt, TimeSpan.Zero));
        return Task.FromResult(BuildResult.NotBuilt);
    }
}
