using System.Collections.Concurrent;
using System.Globalization;

namespace ContainerCd.Runtime.Pipeline;

/// <summary>
/// Workspaces on this host, laid out as Jenkins does: <c>HOME/workspace/JOB</c>, reused by the job's
/// builds; a node allocation while that path is in use (a concurrent build, a nested node) gets
/// <c>JOB@2</c>, <c>JOB@3</c>... A custom workspace is relative to <c>HOME/workspace</c> or absolute.
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

    public Lease Acquire(string? custom)
    {
        var basePath = custom is { Length: > 0 }
            ? Path.GetFullPath(Path.IsPathRooted(custom) ? custom : Path.Combine(Root, custom))
            : Path.Combine(Root, SafeName(Job));
        var path = basePath;
        for (var n = 2; !InUse.TryAdd(path, true); n++)
        {
            path = basePath + "@" + n.ToString(CultureInfo.InvariantCulture);
        }

        Directory.CreateDirectory(path);
        return new Lease(path);
    }

    private static string SafeName(string job) => job.Replace("..", "_", StringComparison.Ordinal).Trim('/');

    /// <summary>A workspace in use until disposed.</summary>
    public sealed class Lease(string path) : IDisposable
    {
        public string Path { get; } = path;

        public void Dispose() => InUse.TryRemove(Path, out _);
    }
}
