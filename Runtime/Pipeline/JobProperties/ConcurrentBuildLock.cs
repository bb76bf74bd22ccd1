using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ContainerCd.Runtime.Pipeline.JobProperties;

/// <summary>
/// <c>disableConcurrentBuilds()</c> for every process on one home: at most one build of a job holds the job's
/// lock at a time, and the others wait for it in build-number order. Files of <c>HOME/locks/JOB-HASH/</c>:
/// <c>running.lock</c> (held by the running build), <c>running</c> (its number, for the waiting message),
/// <c>waiting/N</c> (held by build N while it waits) and <c>superseded</c> (a number M: builds numbered below
/// M are superseded by M, <c>abortPrevious: true</c>). Locks are exclusive advisory locks (flock, through
/// <see cref="FileShare.None"/>), which the system releases when their process dies, however it dies.
/// </summary>
public sealed class ConcurrentBuildLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly string _directory;
    private readonly int _number;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _watching = new();
    private FileStream? _running;
    private int _disposed;

    private ConcurrentBuildLock(string directory, int number, TimeProvider time)
    {
        _directory = directory;
        _number = number;
        _time = time;
    }

    /// <summary>
    /// Registers build <paramref name="number"/> of the job, and from now on calls <paramref name="superseded"/>
    /// (once, with the newer build's number) when a newer build supersedes it; <see cref="WaitAsync"/> then takes the lock.
    /// </summary>
    public static ConcurrentBuildLock Register(string home, string job, int number, TimeProvider time, Action<int> superseded)
    {
        ArgumentNullException.ThrowIfNull(superseded);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(job)))[..12];
        var safe = new string([.. job.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_')]);
        var directory = Path.Combine(Path.GetFullPath(home), "locks", safe + "-" + hash);
        Directory.CreateDirectory(Path.Combine(directory, "waiting"));
        var held = new ConcurrentBuildLock(directory, number, time);
        _ = held.WatchAsync(superseded);
        return held;
    }

    /// <summary>Supersedes every build of the job numbered below this one (<c>abortPrevious: true</c>), in any process.</summary>
    public void SupersedeOlder()
    {
        var file = Path.Combine(_directory, "superseded");
        if (ReadNumber(file) >= _number)
        {
            return;
        }

        var temporary = file + "." + _number.ToString(CultureInfo.InvariantCulture);
        File.WriteAllText(temporary, _number.ToString(CultureInfo.InvariantCulture));
        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>
    /// Waits until no other build of the job runs and no older one waits, then holds the lock until disposed.
    /// <paramref name="waiting"/> is called once if it has to wait, with the running build's number when known.
    /// </summary>
    public async Task WaitAsync(Action<int?> waiting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(waiting);
        using var queued = await HoldAsync(Path.Combine(_directory, "waiting", _number.ToString(CultureInfo.InvariantCulture)), cancellationToken).ConfigureAwait(false);
        var told = false;
        while (true)
        {
            if (!OlderBuildWaits() && TryHold(Path.Combine(_directory, "running.lock")) is { } running)
            {
                _running = running;
                File.WriteAllText(Path.Combine(_directory, "running"), _number.ToString(CultureInfo.InvariantCulture));
                return;
            }

            if (!told)
            {
                told = true;
                waiting(ReadNumber(Path.Combine(_directory, "running")) is var holder && holder > 0 && holder != _number ? holder : null);
            }

            await Task.Delay(PollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _watching.Cancel();
        _watching.Dispose();
        _running?.Dispose();
    }

    private async Task WatchAsync(Action<int> superseded)
    {
        var file = Path.Combine(_directory, "superseded");
        var token = _watching.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                if (ReadNumber(file) is var newer && newer > _number)
                {
                    superseded(newer);
                    return;
                }

                await Task.Delay(PollInterval, _time, token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Whether a build numbered below this one is waiting (its waiting file is held); files left by dead processes are removed.</summary>
    private bool OlderBuildWaits()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(_directory, "waiting")))
        {
            if (!int.TryParse(Path.GetFileName(file), NumberStyles.None, CultureInfo.InvariantCulture, out var other) || other >= _number)
            {
                continue;
            }

            if (TryHold(file, FileMode.Open) is { } stale)
            {
                stale.Dispose();
                TryDelete(file);
                continue;
            }

            if (File.Exists(file))
            {
                return true;
            }
        }

        return false;
    }

    private async Task<WaitingFile> HoldAsync(string file, CancellationToken cancellationToken)
    {
        // Another build probing this file for staleness may hold it for an instant.
        var held = TryHold(file);
        while (held is null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), _time, cancellationToken).ConfigureAwait(false);
            held = TryHold(file);
        }

        return new WaitingFile(held);
    }

    private static FileStream? TryHold(string file, FileMode mode = FileMode.OpenOrCreate)
    {
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix: released when the process ends, however it ends.
            return new FileStream(file, mode, FileAccess.ReadWrite, FileShare.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static int ReadNumber(string file)
    {
        try
        {
            return File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>A held waiting file, removed (while still held, so no one takes it for a dead build's) when the build stops waiting.</summary>
    private sealed class WaitingFile(FileStream held) : IDisposable
    {
        public void Dispose()
        {
            TryDelete(held.Name);
            held.Dispose();
        }
    }
}
