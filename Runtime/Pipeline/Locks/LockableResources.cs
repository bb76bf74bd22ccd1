using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace ContainerCd.Runtime.Pipeline.Locks;

/// <summary>
/// The lockable resources of one home (the lockable-resources plugin's <c>lock</c> step): a resource is a
/// name, held by one body at a time across every build that uses the same home, in this process and in
/// any other <c>containercd</c> process. In the process a semaphore per resource queues the waiters; across
/// processes the holder also keeps an exclusive lock (flock) on <c>HOME/locks/HASH.lock</c>, which the
/// system releases when the holding process ends, however it ends.
/// </summary>
internal static class LockableResources
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(1);

    /// <summary>The file whose lock stands for <paramref name="resource"/> in <paramref name="home"/>.</summary>
    public static string LockFile(string home, string resource) =>
        Path.Combine(Path.GetFullPath(home), "locks",
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(resource)))[..32] + ".lock");

    /// <summary>Takes the resource now, or returns null when another body holds it.</summary>
    public static Held? TryAcquire(string home, string resource, string holder)
    {
        var file = LockFile(home, resource);
        var gate = Gates.GetOrAdd(file, _ => new SemaphoreSlim(1, 1));
        if (!gate.Wait(0))
        {
            return null;
        }

        if (TryLockFile(file, resource, holder) is { } stream)
        {
            return new Held(gate, stream);
        }

        gate.Release();
        return null;
    }

    /// <summary>Waits until the resource is free and takes it; <paramref name="onWait"/> is called once if it has to wait.</summary>
    public static async ValueTask<Held> AcquireAsync(string home, string resource, string holder, TimeProvider time, Action onWait, CancellationToken ct)
    {
        var file = LockFile(home, resource);
        var gate = Gates.GetOrAdd(file, _ => new SemaphoreSlim(1, 1));
        var waited = false;
        if (!await gate.WaitAsync(0, ct).ConfigureAwait(false))
        {
            waited = true;
            onWait();
            await gate.WaitAsync(ct).ConfigureAwait(false);
        }

        try
        {
            var delay = FirstPoll;
            while (true)
            {
                if (TryLockFile(file, resource, holder) is { } stream)
                {
                    return new Held(gate, stream);
                }

                // Another process holds it: poll, since a file lock cannot be awaited.
                if (!waited)
                {
                    waited = true;
                    onWait();
                }

                await Task.Delay(delay, time, ct).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestPoll.Ticks));
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    private static FileStream? TryLockFile(string file, string resource, string holder)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix.
            var stream = new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            stream.Write(Encoding.UTF8.GetBytes($"{resource}\n{holder}\n"));
            stream.Flush();
            return stream;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>A resource held until disposed.</summary>
    public sealed class Held : IDisposable
    {
        private readonly SemaphoreSlim _gate;
        private readonly FileStream _file;
        private int _disposed;

        internal Held(SemaphoreSlim gate, FileStream file)
        {
            _gate = gate;
            _file = file;
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            _file.Dispose();
            _gate.Release();
        }
    }
}
