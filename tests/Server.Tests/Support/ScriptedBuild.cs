using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Results;
using ContainerCd.Server.Builds;

namespace ContainerCd.Server.Tests.Support;

/// <summary>Publishes a build's events the way the engine does: sequence numbers from 1, UTF-8 offsets, stage ids from paths.</summary>
internal sealed class ScriptedBuild(PipelineRun run, CancellationToken cancellationToken)
{
    private readonly Lock _lock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _sequence;
    private long _offset;

    public PipelineRun Run { get; } = run;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public BuildResult Result { get; set; } = BuildResult.Success;

    /// <summary>The log's size so far, in bytes (the offset of the next line).</summary>
    public long LogSize
    {
        get
        {
            lock (_lock)
            {
                return _offset;
            }
        }
    }

    public void Start() => Publish(seq => new BuildStarted(Run.BuildId, seq, Now, Run.Job.Name, Run.Number, Run.Cause.ShortDescription));

    public void Finish()
    {
        Log(null, "Finished: " + Result.ToJenkinsName() + "\n");
        Publish(seq => new BuildFinished(Run.BuildId, seq, Now, Result, _clock.Elapsed));
    }

    public void Log(string? stageId, string text)
    {
        lock (_lock)
        {
            var offset = _offset;
            _offset += Encoding.UTF8.GetByteCount(text);
            Publish(seq => new LogChunk(Run.BuildId, seq, Now, stageId, null, offset, text));
        }
    }

    public async Task StageAsync(string name, Func<string, Task> body, string? parentId = null, StageKind kind = StageKind.Stage, ImmutableArray<string> parentPath = default)
    {
        var path = (parentPath.IsDefault ? [] : parentPath).Add(name);
        var id = string.Join("/", path);
        var started = Now;
        Log(parentId, kind == StageKind.ParallelBranch ? $"[Pipeline] {{ (Branch: {name})\n" : $"[Pipeline] {{ ({name})\n");
        Publish(seq => new StageStarted(Run.BuildId, seq, Now, id, parentId, path, kind));
        var result = BuildResult.Success;
        try
        {
            await body(id).ConfigureAwait(false);
        }
        catch (InvalidOperationException exception)
        {
            Log(id, "ERROR: " + exception.Message + "\n");
            result = BuildResult.Failure;
            Result = Result.Combine(BuildResult.Failure);
        }

        Publish(seq => new StageFinished(Run.BuildId, seq, Now, id, parentId, path, kind, result, started, Now - started, null));
        Log(parentId, "[Pipeline] }\n");
    }

    public void Skip(string name, string reason)
    {
        var path = ImmutableArray.Create(name);
        Log(null, $"Stage \"{name}\" skipped due to {reason}\n");
        Publish(seq => new StageFinished(Run.BuildId, seq, Now, name, null, path, StageKind.Stage, BuildResult.NotBuilt, Now, TimeSpan.Zero, reason));
    }

    public Task ParallelAsync(string parentId, ImmutableArray<string> parentPath, params (string Name, Func<string, Task> Body)[] branches) =>
        Task.WhenAll(branches.Select(b => Task.Run(() => StageAsync(b.Name, b.Body, parentId, StageKind.ParallelBranch, parentPath))));

    public Task DelayAsync(int milliseconds) => Task.Delay(milliseconds, CancellationToken);

    private static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    private void Publish(Func<long, BuildEvent> create)
    {
        lock (_lock)
        {
            _sequence++;
            Run.Observer.OnEvent(create(_sequence));
        }
    }
}
