using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ContainerCd.Runtime.Pipeline;

/// <summary>
/// Workspaces on this host, laid out as Jenkins does: <c>HOME/workspace/JOB</c>, reused by the job's
/// builds; a node allocation while that path is in use (a concurrent build, a nested node) gets
/// <c>JOB@2</c>, <c>JOB@3</c>... A custom workspace is relative to <c>HOME/workspace</c> or absolute.
/// "In use" holds across processes: each lease also holds an exclusive lock on a file of
/// <c>HOME/workspace/.locks</c> named by a hash of the path, which the system releases if the process dies,
/// so two <c>containercd</c> processes building the same job with the same home never share a workspace.
/// </summary>
public sealed class Workspaces
{
    private static readonly ConcurrentDictionary<string, bool> InUse = new(StringComparer.Ordinal);

    public Workspaces(string home, string job)
    {
        Root = Path.GetFullPath(Path.Combine(home, "workspace"));
        Job = job;
    }

    public string Root { get; }

    public string Job { get; }

    private string LockDirectory => Path.Combine(Root, ".locks");

    public Lease Acquire(string? custom)
    {
        var basePath = custom is { Length: > 0 }
            ? Path.GetFullPath(Path.IsPathRooted(custom) ? custom : Path.Combine(Root, custom))
            : Path.Combine(Root, SafeName(Job));
        var path = basePath;
        for (var n = 2; ; n++)
        {
            if (InUse.TryAdd(path, true))
            {
                if (TryLock(path) is { } held)
                {
                    Directory.CreateDirectory(path);
                    return new Lease(path, held);
                }

                // Another process holds it.
                InUse.TryRemove(path, out _);
            }

            path = basePath + "@" + n.ToString(CultureInfo.InvariantCulture);
        }
    }

    private FileStream? TryLock(string path)
    {
        Directory.CreateDirectory(LockDirectory);
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..32] + ".lock";
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Unix: released when the process ends, however it ends.
            var stream = new FileStream(Path.Combine(LockDirectory, name), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            var text = Encoding.UTF8.GetBytes(path + "\n");
            stream.SetLength(0);
            stream.Write(text);
            stream.Flush();
            return stream;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string SafeName(string job) => job.Replace("..", "_", StringComparison.Ordinal).Trim('/');

    /// <summary>A workspace in use until disposed.</summary>
    public sealed class Lease : IDisposable
    {
        private readonly FileStream _lock;
        private int _disposed;

        internal Lease(string path, FileStream held)
        {
            Path = path;
            _lock = held;
        }

        public string Path { get; }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            _lock.Dispose();
            InUse.TryRemove(Path, out _);
        }
    }
}
