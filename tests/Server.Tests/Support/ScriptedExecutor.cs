using System.Collections.Concurrent;
using ContainerCd.Runtime.Results;
using ContainerCd.Server.Builds;

namespace ContainerCd.Server.Tests.Support;

/// <summary>
/// A fake executor for the server's tests (the server's logic, not the engine's): each job name maps to
/// a script written against <see cref="ScriptedBuild"/>, which publishes real events with real timing.
/// </summary>
internal sealed class ScriptedExecutor : IPipelineExecutor
{
    private readonly ConcurrentDictionary<string, Func<ScriptedBuild, Task>> _scripts = new(StringComparer.Ordinal);

    public void Add(string job, Func<ScriptedBuild, Task> script) => _scripts[job] = script;

    public async Task<BuildResult> ExecuteAsync(PipelineRun run, CancellationToken cancellationToken)
    {
        var build = new ScriptedBuild(run, cancellationToken);
        build.Start();
        try
        {
            if (_scripts.TryGetValue(run.Job.Name, out var script))
            {
                await script(build).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            build.Result = BuildResult.Aborted;
        }

        build.Finish();
        return build.Result;
    }
}
