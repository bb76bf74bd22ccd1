using System.Collections.Concurrent;
using System.Collections.Immutable;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Pipeline.Triggers;
using ContainerCd.Runtime.Results;
using ContainerCd.Server.Builds;
using ContainerCd.Server.Jobs;
using ContainerCd.Server.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContainerCd.Server.Triggers;

/// <summary>
/// Runs the jobs' triggers as Jenkins' Trigger.Cron does: once a minute (catching up on minutes it missed), every
/// <c>cron</c> whose spec names that minute in its zone starts a build (Started by timer), every <c>pollSCM</c> asks
/// the <see cref="IScmPoller"/> and starts a build (Started by an SCM change) only when the source moved; a build's
/// end starts the jobs whose <c>upstream</c> trigger names it, at or above the threshold. Triggers are those each
/// job's last build declared, kept in SQLite across restarts. A trigger never queues a second build of a job that
/// already has one waiting (Jenkins merges it into the queued one).
/// </summary>
internal sealed partial class TriggerScheduler : BackgroundService
{
    private readonly ConcurrentDictionary<string, JobSchedule> _schedules = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task> _polls = new(StringComparer.Ordinal);
    private readonly BuildStore _store;
    private readonly BuildQueue _queue;
    private readonly JobCatalog _jobs;
    private readonly IScmPoller _poller;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _lastChecked;

    public TriggerScheduler(BuildStore store, BuildQueue queue, JobCatalog jobs, IScmPoller poller, TimeProvider time, ILogger<TriggerScheduler> logger)
    {
        _store = store;
        _queue = queue;
        _jobs = jobs;
        _poller = poller;
        _time = time;
        _logger = logger;
        foreach (var (job, triggers) in store.LoadTriggers())
        {
            _schedules[job] = new JobSchedule(job, triggers);
        }

        queue.TriggersDeclared = Register;
        queue.BuildFinished = OnBuildFinished;
    }

    /// <summary>The last minute whose triggers were checked (the clock's, for a test to know the scheduler caught up).</summary>
    public DateTimeOffset LastCheckedMinute
    {
        get => new(Interlocked.Read(ref _lastChecked), TimeSpan.Zero);
        private set => Interlocked.Exchange(ref _lastChecked, value.UtcTicks);
    }

    /// <summary>The job's triggers, as its last build declared them (none: empty).</summary>
    public ImmutableArray<JobTrigger> TriggersOf(string job) => _schedules.TryGetValue(job, out var schedule) ? schedule.Triggers : [];

    /// <summary>Whether a post-commit hook may poll this job (it has pollSCM without ignorePostCommitHooks).</summary>
    public bool PollsOnHooks(string job) => _schedules.TryGetValue(job, out var schedule) && schedule.PollsOnHooks;

    /// <summary>Replaces the job's triggers (an empty list removes them) and keeps them for the next start.</summary>
    public void Register(string job, ImmutableArray<JobTrigger> triggers)
    {
        _store.SaveTriggers(job, triggers);
        if (triggers.IsEmpty)
        {
            _schedules.TryRemove(job, out _);
        }
        else
        {
            _schedules[job] = new JobSchedule(job, triggers);
        }
    }

    /// <summary>Polls the job's source now (a pollSCM minute, or a post-commit hook); a build starts only if it moved. One poll per job at a time.</summary>
    public Task PollAsync(string job)
    {
        var started = new TaskCompletionSource();
        var poll = _polls.GetOrAdd(job, _ => started.Task);
        if (poll != started.Task)
        {
            return poll;
        }

        _ = RunPollAsync(job, started);
        return started.Task;
    }

    /// <summary>What one minute does: the timers and polls whose spec names it.</summary>
    internal void CheckMinute(DateTimeOffset minute)
    {
        var zone = _time.LocalTimeZone;
        foreach (var schedule in _schedules.Values)
        {
            if (schedule.Timer?.Matches(minute, zone) == true)
            {
                Start(schedule.Job, BuildCause.Timer());
            }

            if (schedule.Poll?.Matches(minute, zone) == true)
            {
                _ = PollAsync(schedule.Job);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // As Jenkins' Trigger.Cron: start at this minute, and check every minute up to now on each wake-up.
        var cursor = Minute(_time.GetUtcNow());
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = _time.GetUtcNow();
            while (now >= cursor)
            {
                CheckMinute(cursor);
                LastCheckedMinute = cursor;
                cursor = cursor.AddMinutes(1);
            }

            try
            {
                await Task.Delay(cursor - now, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static DateTimeOffset Minute(DateTimeOffset time) =>
        new(time.Year, time.Month, time.Day, time.Hour, time.Minute, 0, time.Offset);

    private async Task RunPollAsync(string job, TaskCompletionSource done)
    {
        try
        {
            if (_jobs.Find(job) is { } definition && await _poller.HasMovedAsync(definition, CancellationToken.None).ConfigureAwait(false))
            {
                Start(job, BuildCause.Scm());
            }
        }
#pragma warning disable CA1031 // A failed poll is logged and retried at the next scheduled minute, as Jenkins does.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogPollFailed(_logger, exception, job);
        }
        finally
        {
            _polls.TryRemove(job, out _);
            done.SetResult();
        }
    }

    private void OnBuildFinished(BuildRecord build, BuildResult result)
    {
        foreach (var schedule in _schedules.Values)
        {
            if (schedule.Upstream.Any(t => t.Projects.Contains(build.Job, StringComparer.Ordinal) && !result.IsWorseThan(t.Threshold)))
            {
                Start(schedule.Job, BuildCause.Upstream(build.Job, build.Number));
            }
        }
    }

    private void Start(string job, BuildCause cause)
    {
        if (_jobs.Find(job) is not { } definition)
        {
            LogJobGone(_logger, job);
            return;
        }

        if (_queue.HasQueued(job) || !definition.Buildable)
        {
            return;
        }

        _queue.Trigger(definition, new Dictionary<string, string>(), cause);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling {Job} failed")]
    private static partial void LogPollFailed(ILogger logger, Exception exception, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A trigger of {Job} fired, but the job no longer exists")]
    private static partial void LogJobGone(ILogger logger, string job);
}
