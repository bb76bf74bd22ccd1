using System.Security.Cryptography;
using System.Text;

namespace ContainerCd.Runtime.Scm;

/// <summary>
/// The lock held while a mirror is written (created or fetched into), across every process on the same home: an
/// exclusive advisory lock (flock, through <see cref="FileShare.None"/>) on <c>HOME/locks/git-HASH.lock</c>,
/// which the system releases when its process dies, however it dies. Reads need no lock: git replaces refs and
/// packs atomically.
/// </summary>
internal sealed class GitMirrorLock : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);
    private readonly FileStream _held;

    private GitMirrorLock(FileStream held) => _held = held;

    public static async Task<GitMirrorLock> AcquireAsync(string home, string mirrorName, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetFullPath(home), "locks");
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "git-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mirrorName)))[..16] + ".lock");
        while (true)
        {
            try
            {
                return new GitMirrorLock(new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                // Another build (in this process or another) is fetching into the mirror.
                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => _held.Dispose();
}
