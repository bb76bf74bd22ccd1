using System.Formats.Tar;
using ContainerCd.Runtime.Docker.Engine;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>
/// A remote node's workspace is a volume on that engine; the server keeps a mirror of it in the build's workspace
/// folder, where the file steps (readFile, writeFile, stash, unstash, archiveArtifacts, junit, checkout...) work as
/// on any node. Around each step run on the node the two are brought level over the Docker API's archive endpoints:
/// before it, what changed in the mirror since the last sync is sent (PUT /containers/{id}/archive, one tar) and
/// what was deleted there is deleted on the node; after it, the node's workspace comes back (GET, one tar) and the
/// mirror takes it, files and deletions. Files are compared by size and modification time.
/// </summary>
internal sealed class WorkspaceMirror(DockerEngine engine, string containerId, string workspace) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, Stamp> _synced = new(StringComparer.Ordinal);

    private readonly record struct Stamp(long Length, long ModifiedTicks, bool Directory);

    /// <summary>Sends what changed in the mirror; <paramref name="removeOnNode"/> deletes (rm -rf) the given paths, relative to the workspace, on the node.</summary>
    public async Task PushAsync(Func<IReadOnlyList<string>, Task> removeOnNode, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = Scan();
            var removed = _synced.Keys.Where(path => !current.ContainsKey(path)).ToList();
            if (removed.Count > 0)
            {
                await removeOnNode(removed).ConfigureAwait(false);
            }

            var changed = current.Where(p => !_synced.TryGetValue(p.Key, out var before) || before != p.Value).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
            if (changed.Count > 0)
            {
                using var tar = new MemoryStream();
                await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
                {
                    foreach (var path in changed)
                    {
                        await writer.WriteEntryAsync(Path.Combine(workspace, path), path, cancellationToken).ConfigureAwait(false);
                    }
                }

                tar.Position = 0;
                await engine.Client.Containers.ExtractArchiveToContainerAsync(containerId, new CopyToContainerParameters { Path = workspace, AllowOverwriteDirWithFile = true }, tar, cancellationToken)
                    .ConfigureAwait(false);
            }

            _synced = current;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Takes the node's workspace into the mirror: new and changed files written, files the node no longer has deleted.</summary>
    public async Task PullAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var before = Scan();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var response = await engine.Client.Containers.GetArchiveFromContainerAsync(containerId, new ContainerPathStatParameters { Path = workspace }, false, cancellationToken).ConfigureAwait(false);
            using var tar = new MemoryStream();
            await using (var stream = response.Stream ?? Stream.Null)
            {
                await CopyChunkedAsync(stream, tar, cancellationToken).ConfigureAwait(false);
            }

            tar.Position = 0;
            await using (var reader = new TarReader(tar))
            {
                while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    // Entries are named after the workspace folder itself ("ws/", "ws/a.txt"): the first segment goes.
                    var slash = entry.Name.IndexOf('/', StringComparison.Ordinal);
                    var relative = slash < 0 ? "" : entry.Name[(slash + 1)..].TrimEnd('/');
                    if (relative.Length == 0 || relative.Split('/').Contains(".."))
                    {
                        continue;
                    }

                    seen.Add(relative);
                    await TakeAsync(entry, relative, before, cancellationToken).ConfigureAwait(false);
                }
            }

            foreach (var path in before.Keys.Where(p => !seen.Contains(p)).OrderByDescending(p => p.Length))
            {
                var full = Path.Combine(workspace, path);
                if (before[path].Directory)
                {
                    if (Directory.Exists(full))
                    {
                        Directory.Delete(full, recursive: true);
                    }
                }
                else
                {
                    File.Delete(full);
                }
            }

            _synced = Scan();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task TakeAsync(TarEntry entry, string relative, Dictionary<string, Stamp> before, CancellationToken cancellationToken)
    {
        var full = Path.Combine(workspace, relative);
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                if (before.TryGetValue(relative, out var was) && !was.Directory)
                {
                    File.Delete(full);
                }

                Directory.CreateDirectory(full);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                if (before.TryGetValue(relative, out var known) && known == new Stamp(entry.Length, entry.ModificationTime.UtcTicks, false))
                {
                    return;
                }

                if (Directory.Exists(full))
                {
                    Directory.Delete(full, recursive: true);
                }

                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                if (new FileInfo(full).LinkTarget is not null)
                {
                    File.Delete(full);
                }

                await entry.ExtractToFileAsync(full, overwrite: true, cancellationToken).ConfigureAwait(false);
                break;
            case TarEntryType.SymbolicLink:
                if (File.Exists(full) || Directory.Exists(full) || new FileInfo(full).LinkTarget is not null)
                {
                    if (new FileInfo(full).LinkTarget == entry.LinkName)
                    {
                        return;
                    }

                    File.Delete(full);
                }

                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.CreateSymbolicLink(full, entry.LinkName);
                break;
            default:
                // Devices, fifos and hard links have no place in a workspace mirror.
                break;
        }
    }

    /// <summary>
    /// The archive response, to its end. Docker.DotNet's chunked stream throws <see cref="EndOfStreamException"/> when asked
    /// to read past the last chunk instead of returning 0, so the tar is read whole before it is parsed.
    /// </summary>
    private static async Task CopyChunkedAsync(Stream source, Stream target, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (true)
        {
            int read;
            try
            {
                read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            catch (EndOfStreamException)
            {
                return;
            }

            if (read == 0)
            {
                return;
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Every file, folder and link under the mirror, relative to it (links not followed).</summary>
    private Dictionary<string, Stamp> Scan()
    {
        var stamps = new Dictionary<string, Stamp>(StringComparer.Ordinal);
        if (!Directory.Exists(workspace))
        {
            return stamps;
        }

        var pending = new Stack<string>();
        pending.Push(workspace);
        while (pending.Count > 0)
        {
            foreach (var info in new DirectoryInfo(pending.Pop()).EnumerateFileSystemInfos())
            {
                var relative = Path.GetRelativePath(workspace, info.FullName).Replace('\\', '/');
                var isDirectory = info is DirectoryInfo && info.LinkTarget is null;
                stamps[relative] = new Stamp(info is FileInfo file && info.LinkTarget is null ? file.Length : -1, info.LastWriteTimeUtc.Ticks, isDirectory);
                if (isDirectory)
                {
                    pending.Push(info.FullName);
                }
            }
        }

        return stamps;
    }

    public void Dispose() => _gate.Dispose();
}
