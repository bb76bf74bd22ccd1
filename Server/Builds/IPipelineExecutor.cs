using ContainerCd.Runtime.Results;

namespace ContainerCd.Server.Builds;

/// <summary>
/// Runs one build's pipeline and publishes its events (from sequence 1, BuildStarted first and
/// BuildFinished last) to <see cref="PipelineRun.Observer"/>. Cancellation means abort. The server's
/// adapter to the runtime's engine implements it; tests use a scripted one.
/// </summary>
internal interface IPipelineExecutor
{
    Task<BuildResult> ExecuteAsync(PipelineRun run, CancellationToken cancellationToken);
}
