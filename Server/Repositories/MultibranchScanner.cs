using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Scm;
using ContainerCd.Server.Builds;
using ContainerCd.Server.Jobs;
using ContainerCd.Server.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContainerCd.Server.Repositories;

/// <summary>
/// Multibranch scans (Jenkins' branch indexing): the repository's mirror fetched, one child job per branch (and tag,
/// and change request <c>PR-N</c>/<c>MR-N</c>, when discovered) holding the script path, the others skipped with the
/// reason in the scan log; a child whose ref is new or moved since its last build is built (tags are not: Jenkins
/// builds tags only with a build strategy); a child whose branch is gone, or whose change request was closed, is retired. A scan runs when the job is first seen, every <c>scanInterval</c>, on a
/// webhook and on demand; one at a time per job. Its log (the last scan's) is <c>HOME/indexing/JOB.log</c>.
/// </summary>
internal sealed partial class MultibranchScanner(
    JobCatalog jobs, BuildStore store, BuildQueue queue, BuildPaths paths, RuntimeConfig config, TimeProvider time, ILogger<MultibranchScanner> logger)
    : BackgroundService
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _scheduled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _watched = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    public string LogFile(string job) => Path.Combine(paths.Home, "indexing", job + ".log");

    /// <summary>
    /// Scans the job; a child whose ref is <paramref name="eventRef"/> (a webhook's) and which is to be built gets
    /// <paramref name="eventCause"/>, the others Branch indexing. Returns whether the scan succeeded.
    /// </summary>
    public async Task<bool> ScanAsync(JobDefinition parent, string trigger, string? eventRef = null, BuildCause? eventCause = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var gate = _running.GetOrAdd(parent.Name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var log = new StringBuilder();
        var started = time.GetUtcNow();
        log.Append(CultureInfo.InvariantCulture, $"{trigger}\n[{started:ddd MMM dd HH:mm:ss 'UTC' yyyy}] Starting branch indexing...\n");
        try
        {
            var found = await IndexAsync(parent, log, eventRef, eventCause, cancellationToken).ConfigureAwait(false);
            var known = store.LoadBranchHeads(parent.Name);
            foreach (var gone in known.Where(k => !found.Any(f => f.Kind == k.Kind && f.RefName == k.RefName)))
            {
                if (!gone.Retired)
                {
                    var why = gone.Change is { Closed: true } ? "was closed" : "no longer exists";
                    log.Append(CultureInfo.InvariantCulture, $"Will not build {BranchHead.ChildName(gone.RefName)}: {Noun(gone.Kind)} {gone.RefName} {why}; its job is kept read-only\n");
                }

                found.Add(gone with { Retired = true });
            }

            store.SaveBranchHeads(parent.Name, found);
            log.Append(CultureInfo.InvariantCulture, $"[{time.GetUtcNow():ddd MMM dd HH:mm:ss 'UTC' yyyy}] Finished branch indexing. Indexing took {(time.GetUtcNow() - started).TotalMilliseconds:0} ms\nFinished: SUCCESS\n");
            return true;
        }
#pragma warning disable CA1031 // A scan runs unattended (a webhook, a timer): whatever fails ends in its log, never in the caller.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            log.Append(CultureInfo.InvariantCulture, $"ERROR: {e.Message}\nFinished: FAILURE\n");
            LogScanFailed(logger, parent.Name, e.Message);
            return false;
        }
        finally
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(LogFile(parent.Name))!);
                await File.WriteAllTextAsync(LogFile(parent.Name), log.ToString(), CancellationToken.None).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                LogScanFailed(logger, parent.Name, "its log could not be written: " + e.Message);
            }

            gate.Release();
        }
    }

    /// <summary>Scans a multibranch job now if it was never scanned, then every scanInterval while it exists (a job defined after start).</summary>
    public void Watch(string job)
    {
        if (_watched.TryAdd(job, 0))
        {
            _ = KeepScanningAsync(job, _stopping.Token);
        }
    }

    /// <summary>Forgets what scans of a deleted job scheduled, so a job defined again under its name builds its branches afresh.</summary>
    public void Forget(string job)
    {
        foreach (var child in _scheduled.Keys.Where(k => k.StartsWith(job + "/", StringComparison.Ordinal)))
        {
            _scheduled.TryRemove(child, out _);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _stopping.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var job in jobs.All().Where(j => j.IsMultibranch))
        {
            Watch(job.Name);
        }

        return Task.CompletedTask;
    }

    private async Task KeepScanningAsync(string name, CancellationToken stoppingToken)
    {
        try
        {
            // As Jenkins indexes a multibranch project when it is created: the first time the server sees it.
            if (jobs.Find(name) is { IsMultibranch: true } job && !File.Exists(LogFile(name)))
            {
                await ScanAsync(job, "Started by creation of the job", cancellationToken: stoppingToken).ConfigureAwait(false);
            }

            // The job is read again each time: an update through the API changes the interval, a removal ends this.
            while (jobs.Find(name) is { IsMultibranch: true, Repository.ScanInterval: { } interval })
            {
                await Task.Delay(interval, time, stoppingToken).ConfigureAwait(false);
                if (jobs.Find(name) is { IsMultibranch: true } current)
                {
                    await ScanAsync(current, "Started by timer", cancellationToken: stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _watched.TryRemove(name, out _);
        }
    }

    private async Task<List<BranchHead>> IndexAsync(JobDefinition parent, StringBuilder log, string? eventRef, BuildCause? eventCause, CancellationToken cancellationToken)
    {
        var repository = parent.Repository!;
        var remote = GitRemote.Parse(repository.Url);
        var mirror = await new GitMirrors(paths.Home)
            .FetchAsync(remote, GitCredentials.Fetch(config, repository.CredentialsId, "credentialsId"), repository.DiscoversChangeRequests ? GitChangeRequests.RefSpecs : null, cancellationToken)
            .ConfigureAwait(false);
        var primary = mirror.DefaultBranch;
        var refs = mirror.ListRefs();
        var changes = store.LoadChangeRequests(parent.Name);
        var found = new List<BranchHead>();
        foreach (var kind in new[] { GitRefKind.Branch, GitRefKind.Tag, GitRefKind.ChangeRequest })
        {
            var discovered = kind switch
            {
                GitRefKind.Branch => repository.DiscoversBranches,
                GitRefKind.Tag => repository.DiscoversTags,
                _ => repository.DiscoversChangeRequests,
            };
            if (!discovered)
            {
                continue;
            }

            var candidates = refs.Where(r => r.Kind == kind).ToList();
            log.Append(CultureInfo.InvariantCulture, $"Checking {Plural(kind)}...\n");
            foreach (var head in candidates)
            {
                log.Append(CultureInfo.InvariantCulture, $"  Checking {Noun(kind)} {head.Name}\n");
                var change = kind == GitRefKind.ChangeRequest ? changes.GetValueOrDefault(head.Name) ?? new ChangeRequest(head.Name) : null;
                if (change is { Closed: true })
                {
                    log.Append(CultureInfo.InvariantCulture, $"      {head.Name} is closed\n    Does not meet criteria\n");
                    continue;
                }

                if (mirror.ReadFile(head.Commit, repository.ScriptPath) is null)
                {
                    log.Append(CultureInfo.InvariantCulture, $"      ‘{repository.ScriptPath}’ not found\n    Does not meet criteria\n");
                    continue;
                }

                log.Append(CultureInfo.InvariantCulture, $"      ‘{repository.ScriptPath}’ found\n    Met criteria\n");
                var branch = new BranchHead(parent.Name, head.Name, kind, kind == GitRefKind.Branch && head.Name == primary, Retired: false) { Change = change };
                found.Add(branch);
                if (kind != GitRefKind.Tag)
                {
                    ScheduleIfMoved(parent, branch, head, remote, log, head.CanonicalName == eventRef ? eventCause : null);
                }
            }

            log.Append(CultureInfo.InvariantCulture, $"Processed {candidates.Count} {(candidates.Count == 1 ? Noun(kind) : Plural(kind))}\n");
        }

        return found;
    }

    private void ScheduleIfMoved(JobDefinition parent, BranchHead branch, GitRef head, GitRemote remote, StringBuilder log, BuildCause? eventCause)
    {
        var child = JobCatalog.Child(parent, branch);
        var last = _scheduled.TryGetValue(child.Name, out var scheduled) ? scheduled : store.GetLastRecordedCommit(child.Name, remote.Normalized);
        if (last == head.Commit)
        {
            log.Append(CultureInfo.InvariantCulture, $"    No changes detected: {head.Name} (still at {head.Commit})\n");
            return;
        }

        log.Append(CultureInfo.InvariantCulture, $"    Changes detected: {head.Name} ({last ?? "new"} → {head.Commit})\n");
        _scheduled[child.Name] = head.Commit;
        if (queue.HasQueued(child.Name))
        {
            return;
        }

        var build = queue.Trigger(child, new Dictionary<string, string>(), eventCause ?? RepositoryCauses.BranchIndexing());
        log.Append(CultureInfo.InvariantCulture, $"Scheduled build for {Noun(branch.Kind)}: {head.Name} (#{build.Number})\n");
    }

    internal static string Noun(GitRefKind kind) => kind switch
    {
        GitRefKind.Tag => "tag",
        GitRefKind.ChangeRequest => "change request",
        _ => "branch",
    };

    private static string Plural(GitRefKind kind) => kind switch
    {
        GitRefKind.Tag => "tags",
        GitRefKind.ChangeRequest => "change requests",
        _ => "branches",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning {Job} failed: {Reason}")]
    private static partial void LogScanFailed(ILogger logger, string job, string reason);
}
