using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Threading.Channels;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Pipeline.Triggers;
using ContainerCd.Runtime.Results;
using ContainerCd.Server.Hosting;
using ContainerCd.Server.Jobs;
using ContainerCd.Server.Live;
using ContainerCd.Server.Storage;
using Microsoft.Extensions.Logging;

namespace ContainerCd.Server.Builds;

/// <summary>
/// The build queue: triggered builds get their number at once and wait for one of
/// <see cref="Executors"/> executors. Each running build has its recorder, its input broker and a
/// cancellation that aborts it.
/// </summary>
internal sealed partial class BuildQueue : IAsyncDisposable
{
    private static readonly TimeSpan FinishedStreamGrace = TimeSpan.FromSeconds(30);

    private readonly Channel<QueuedBuild> _queue = Channel.CreateUnbounded<QueuedBuild>();
    private readonly ConcurrentDictionary<string, QueuedBuild> _active = new(StringComparer.Ordinal);
    private readonly BuildStore _store;
    private readonly StoreWriter _storeWriter;
    private readonly LiveBuilds _live;
    private readonly BuildPaths _paths;
    private readonly IPipelineExecutor _executor;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string? _configFile;
    private readonly long _windowBytes;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task[] _workers;

    public BuildQueue(
        BuildStore store, StoreWriter storeWriter, LiveBuilds live, BuildPaths paths, IPipelineExecutor executor, TimeProvider time,
        ILogger<BuildQueue> logger, ServeSettings settings)
    {
        _store = store;
        _storeWriter = storeWriter;
        _live = live;
        _paths = paths;
        _executor = executor;
        _time = time;
        _logger = logger;
        _configFile = settings.ConfigFile;
        _windowBytes = settings.LiveWindowBytes;
        Executors = Math.Max(1, settings.Executors);
        Slots = new ExecutorSlots(Executors);
        _workers = [.. Enumerable.Range(0, Executors).Select(_ => Task.Run(WorkAsync))];
    }

    public int Executors { get; }

    /// <summary>The build each executor runs now: the built-in node's executors on the Nodes page and in <c>/computer/api/json</c>.</summary>
    public ExecutorSlots Slots { get; }

    /// <summary>
    /// Queues a build of <paramref name="job"/>; it is stored as QUEUED and can be followed on the hub at once. A
    /// repository job builds <paramref name="revision"/> when given, else its branch's head when the build starts.
    /// </summary>
    public BuildRecord Trigger(JobDefinition job, IReadOnlyDictionary<string, string> parameters, BuildCause cause, string? revision = null)
    {
        var number = _store.AllocateBuildNumber(job.Name);
        var record = new BuildRecord(job.Name, number, BuildStatuses.Queued, null, cause, parameters, _time.GetUtcNow(), null, null, 0);
        _store.InsertBuild(record);
        var stream = new BuildStream(record.BuildId, job.Name, number, _windowBytes);
        var queued = new QueuedBuild(job, record, stream, new InputBroker()) { Revision = revision };
        _active[record.BuildId] = queued;
        _live.Add(stream);
        _queue.Writer.TryWrite(queued);
        return record;
    }

    /// <summary>Whether a build of <paramref name="job"/> waits in the queue, not started yet (Jenkins merges a trigger into it).</summary>
    public bool HasQueued(string job) => _active.Values.Any(b => b.Record.Job == job && !b.Started);

    /// <summary>Told the triggers a build of a job declared (the trigger scheduler registers them).</summary>
    public Action<string, ImmutableArray<JobTrigger>>? TriggersDeclared { get; set; }

    /// <summary>Told each build's end, with its result (the trigger scheduler starts <c>upstream</c>-triggered builds).</summary>
    public Action<BuildRecord, BuildResult>? BuildFinished { get; set; }

    /// <summary>Finds a job for the <c>build</c> step of another build; set by the server once the catalog exists.</summary>
    public Func<string, JobDefinition?>? FindJob { get; set; }

    /// <summary>Queues a downstream build and waits for its end; cancelling aborts it.</summary>
    private async Task<DownstreamOutcome> LaunchDownstreamAsync(BuildRecord upstream, string job, IReadOnlyDictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var definition = FindJob?.Invoke(job) ?? throw new InvalidOperationException($"No item named {job} found");
        if (!definition.Buildable)
        {
            // Jenkins' build step refuses a folder (a multibranch job) and a disabled job alike.
            throw new InvalidOperationException(definition.IsMultibranch
                ? $"Waiting for non-job items is not supported: {job} is a multibranch job; build one of its branches, e.g. {job}/main"
                : $"{job} is retired (its branch no longer exists) and cannot be built");
        }

        var record = Trigger(definition, parameters, BuildCause.Upstream(upstream.Job, upstream.Number));
        var stream = _live.Get(record.BuildId)!;
        using (cancellationToken.Register(() => Abort(record.BuildId)))
        {
            while (!stream.Finished)
            {
                await stream.WaitForAsync(stream.LastSequence + 1, CancellationToken.None).ConfigureAwait(false);
            }
        }

        await _storeWriter.FlushAsync().ConfigureAwait(false);
        var finished = _store.GetBuild(record.Job, record.Number)!;
        var result = BuildResultExtensions.TryParseJenkinsName(finished.Result, out var parsed) ? parsed : BuildResult.Failure;
        return new DownstreamOutcome(record.BuildId, record.Number, result, TimeSpan.FromMilliseconds(finished.DurationMillis ?? 0));
    }

    /// <summary>Aborts a queued or running build; false when it is not active.</summary>
    public bool Abort(string buildId)
    {
        if (!_active.TryGetValue(buildId, out var build))
        {
            return false;
        }

        build.Abort.Cancel();
        return true;
    }

    /// <summary>
    /// Aborts every queued or running build of the jobs <paramref name="belongs"/> picks and waits until each has
    /// ended and been recorded (a queued one ends as soon as a worker takes it: "Aborted while waiting in the queue").
    /// </summary>
    public async Task AbortAndWaitAsync(Func<string, bool> belongs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(belongs);
        var builds = _active.Values.Where(b => belongs(b.Record.Job)).ToList();
        foreach (var build in builds)
        {
            await build.Abort.CancelAsync().ConfigureAwait(false);
        }

        foreach (var build in builds)
        {
            await build.Ended.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Answers an input of an active build; false when the build is not active or the input was answered already.</summary>
    public bool AnswerInput(string buildId, string inputId, InputAnswer answer) =>
        _active.TryGetValue(buildId, out var build) && build.Inputs.Answer(inputId, answer);

    public bool IsActive(string buildId) => _active.ContainsKey(buildId);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        foreach (var build in _active.Values)
        {
            await build.Abort.CancelAsync().ConfigureAwait(false);
        }

        await Task.WhenAll(_workers).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task WorkAsync()
    {
        try
        {
            await foreach (var build in _queue.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                await RunAsync(build).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RunAsync(QueuedBuild build)
    {
        var record = build.Record;
        build.Started = true;
        var slot = Slots.Occupy(new ExecutorWork(record.Job, record.Number, _time.GetUtcNow()));
        try
        {
            await RunOnExecutorAsync(build).ConfigureAwait(false);
        }
        finally
        {
            Slots.Vacate(slot);
        }
    }

    private async Task RunOnExecutorAsync(QueuedBuild build)
    {
        var record = build.Record;
        using var recorder = new BuildRecorder(_paths, record.Job, record.Number, build.Stream, _storeWriter, _time);
        var started = _time.GetUtcNow();
        var result = BuildResult.Failure;
        try
        {
            if (build.Abort.IsCancellationRequested)
            {
                recorder.EmitLine("Aborted while waiting in the queue.");
                result = BuildResult.Aborted;
            }
            else
            {
                var run = new PipelineRun(
                    build.Job, record.Number, record.BuildId, record.Cause, record.Parameters, _paths.Home, _configFile, recorder, new ServerBuildHistory(_store), build.Inputs)
                {
                    LaunchJob = (job, parameters, ct) => LaunchDownstreamAsync(record, job, parameters, ct),
                    TriggersDeclared = triggers => TriggersDeclared?.Invoke(record.Job, triggers),
                    Revision = build.Revision,
                };
                result = await _executor.ExecuteAsync(run, build.Abort.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (build.Abort.IsCancellationRequested)
        {
            result = BuildResult.Aborted;
            recorder.EmitLine("Aborted by user");
        }
#pragma warning disable CA1031 // Whatever the executor throws, the build must end with a result and a line saying why.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogExecutorFailed(_logger, exception, record.Job, record.Number);
            recorder.EmitLine("ERROR: " + exception.Message);
            result = BuildResult.Failure;
        }

        if (!build.Stream.Finished)
        {
            // The executor did not finish the build (it threw, or was never started): the server does.
            if (!recorder.Started)
            {
                recorder.Emit((seq, now) => new BuildStarted(record.BuildId, seq, now, record.Job, record.Number, record.Cause.ShortDescription));
            }

            recorder.EmitLine("Finished: " + result.ToJenkinsName());
            recorder.Emit((seq, now) => new BuildFinished(record.BuildId, seq, now, result, now - started));
        }

        await _storeWriter.FlushAsync().ConfigureAwait(false);
        _store.UpdateLastSequence(record.Job, record.Number, recorder.LastSequence);
        _active.TryRemove(record.BuildId, out _);
        _ = RemoveStreamLaterAsync(record.BuildId);
        BuildFinished?.Invoke(record, result);
        build.Ended.TrySetResult();
    }

    private async Task RemoveStreamLaterAsync(string buildId)
    {
        try
        {
            await Task.Delay(FinishedStreamGrace, _time, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _live.Remove(buildId);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The executor failed on {Job} #{Number}")]
    private static partial void LogExecutorFailed(ILogger logger, Exception exception, string job, int number);

    private sealed record QueuedBuild(JobDefinition Job, BuildRecord Record, BuildStream Stream, InputBroker Inputs)
    {
        /// <summary>
        /// Never disposed: an abort (from the API, or the server stopping) may look the build up just before it
        /// ends and cancel just after; a source without timer or linked tokens holds nothing to release.
        /// </summary>
        public CancellationTokenSource Abort { get; } = new();

        public string? Revision { get; init; }

        /// <summary>Completed once the build has ended and its record is written.</summary>
        public TaskCompletionSource Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Set once an executor took the build (it no longer waits in the queue).</summary>
        public volatile bool Started;
    }
}
