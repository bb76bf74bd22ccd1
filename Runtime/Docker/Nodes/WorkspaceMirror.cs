using System.Formats.Tar;
using System.Globalization;
using ContainerCd.Runtime.Docker.Engine;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>
/// A remote node's workspace is a volume on that engine; the server keeps a mirror of it in the build's workspace
/// folder, where the file steps (readFile, writeFile, stash, unstash, archiveArtifacts, junit, checkout...) work as
/// on any node. The two are brought level over the Docker API when a side needs what the other may have changed (see
/// <see cref="LevelAsync"/> and <see cref="SendChangesAsync"/>), moving only what changed:
/// <list type="bullet">
/// <item>to the node (<see cref="PushAsync"/>), what changed in the mirror since the last sync (by a stamp of kind, size,
/// modification time and permissions per path, kept from that sync) goes in one archive (PUT /containers/{id}/archive),
/// and what was deleted here is deleted there;</item>
/// <item>from the node (<see cref="PullAsync"/>), a listing of the node's workspace (<see cref="NodeListing"/>, one command
/// in the container); compared with the previous listing it names what changed there, which alone is fetched (GET
/// /containers/{id}/archive, one archive per path, or one of their nearest common folder when there are many), and
/// what the node no longer has is deleted here, unless it changed here since the last sync.</item>
/// </list>
/// A container without find or stat, or a listing that fails, gets the whole workspace back instead. Syncs never
/// interleave (one gate), steps do: parallel branches on one agent run their steps at the same time.
/// </summary>
/// <param name="run">Runs a shell script in the workspace on the node (in the agent's container) and returns its exit code and stdout.</param>
internal sealed partial class WorkspaceMirror(DockerEngine engine, string containerId, string workspace, Func<string, CancellationToken, Task<(int ExitCode, string? Output)>> run)
    : IDisposable
{
    /// <summary>Up to this many changed paths are fetched one archive each; more come in one archive of their nearest common folder, unless that holds much more.</summary>
    private const int OneByOneUpTo = 8;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>This machine's side as of the last sync.</summary>
    private Dictionary<string, LocalStamp> _synced = new(StringComparer.Ordinal);

    /// <summary>What was sent since the last listing: the node has it as sent unless a step changed it.</summary>
    private readonly Dictionary<string, LocalStamp> _sent = new(StringComparer.Ordinal);

    /// <summary>The node's entries as last listed, whose content the mirror holds; null before the first listing.</summary>
    private Dictionary<string, NodeEntry>? _listed;
    private long _listedMarker;
    private bool _listingUnsupported;
    private int _fetched;

    /// <summary>Files and links written into the mirror from the node so far (what the pulls moved).</summary>
    public int Fetched => Volatile.Read(ref _fetched);

    /// <summary>
    /// Sends what changed in the mirror; <paramref name="removeOnNode"/> deletes (rm -rf) the given paths, relative to the
    /// workspace, on the node.
    /// </summary>
    public async Task PushAsync(Func<IReadOnlyList<string>, Task> removeOnNode, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await PushHeldAsync(removeOnNode, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task PushHeldAsync(Func<IReadOnlyList<string>, Task> removeOnNode, CancellationToken cancellationToken)
    {
        var through = Volatile.Read(ref _changesHere);
        var current = LocalStamp.Scan(workspace);
        var removed = _synced.Keys.Where(path => !current.ContainsKey(path)).ToList();
        if (removed.Count > 0)
        {
            await removeOnNode(removed).ConfigureAwait(false);
            foreach (var path in removed)
            {
                _listed?.Remove(path);
                _sent.Remove(path);
            }
        }

        var changed = current.Where(p => !_synced.TryGetValue(p.Key, out var before) || before != p.Value).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
        if (changed.Count > 0)
        {
            await SendAsync(changed, cancellationToken).ConfigureAwait(false);
            foreach (var path in changed)
            {
                _sent[path] = current[path];
            }
        }

        _synced = current;
        Volatile.Write(ref _pushedThrough, through);
        Interlocked.Increment(ref _pushes);
    }

    /// <summary>Takes what changed in the node's workspace into the mirror: the node is listed (<see cref="NodeListing.Script"/>, one command), what changed there fetched.</summary>
    public async Task PullAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await PullHeldAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task PullHeldAsync(CancellationToken cancellationToken)
    {
        var through = Volatile.Read(ref _stepsThere);
        NodeListing? listing = null;
        if (!_listingUnsupported)
        {
            var (exitCode, output) = await run(NodeListing.Script(ContainerFactory.TempDirectory(workspace)), cancellationToken).ConfigureAwait(false);
            _listingUnsupported = exitCode == NodeListing.ToolsMissing;
            listing = exitCode == 0 && output is not null ? NodeListing.Parse(output) : null;
        }

        if (listing is null)
        {
            await PullWholeAsync(cancellationToken).ConfigureAwait(false);
            _listed = null;
        }
        else
        {
            await PullChangesAsync(listing, cancellationToken).ConfigureAwait(false);
        }

        _sent.Clear();
        Volatile.Write(ref _pulledThrough, through);
        Interlocked.Increment(ref _pulls);
    }

    private async Task PullChangesAsync(NodeListing listing, CancellationToken cancellationToken)
    {
        var folders = new List<string>();
        var changed = new List<string>();
        foreach (var (path, entry) in listing.Entries)
        {
            var unchanged = entry.Kind == NodeEntryKind.Other
                || (_listed is not null && _listed.TryGetValue(path, out var known) && known == entry && known.Changed < _listedMarker)
                || (_sent.TryGetValue(path, out var sent) && sent.IsSentAs(entry));
            if (!unchanged)
            {
                (entry.Kind == NodeEntryKind.Directory ? folders : changed).Add(path);
            }
        }

        DeleteGone(path => listing.Entries.TryGetValue(path, out var entry) && entry.Kind != NodeEntryKind.Other);
        foreach (var folder in folders.Order(StringComparer.Ordinal))
        {
            MakeFolder(folder);
        }

        var listed = listing.Entries.Where(e => e.Value.Kind != NodeEntryKind.Other).ToDictionary(StringComparer.Ordinal);
        foreach (var vanished in await FetchAsync(changed, listing, cancellationToken).ConfigureAwait(false))
        {
            // Gone between the listing and the fetch (a parallel step): the next listing says what it is.
            listed.Remove(vanished);
        }

        _listed = listed;
        _listedMarker = listing.Marker;
    }

    /// <summary>
    /// Deletes here what was synced and the node no longer has (deepest first), unless it changed here since the last
    /// sync (a file step of a parallel branch wrote it: the next push sends it); a folder goes only when empty.
    /// </summary>
    private void DeleteGone(Func<string, bool> onNode)
    {
        foreach (var path in _synced.Keys.Where(p => !onNode(p)).OrderByDescending(p => p.Length).ToList())
        {
            var full = Path.Combine(workspace, path);
            var now = LocalStamp.Of(full);
            if (now is null)
            {
                _synced.Remove(path);
            }
            else if (now.Value.Kind == NodeEntryKind.Directory)
            {
                if (!Directory.EnumerateFileSystemEntries(full).Any())
                {
                    Directory.Delete(full);
                    _synced.Remove(path);
                }
            }
            else if (now == _synced[path])
            {
                File.Delete(full);
                _synced.Remove(path);
            }
        }
    }

    private void MakeFolder(string path)
    {
        var full = Path.Combine(workspace, path);
        if (LocalStamp.Of(full) is { Kind: not NodeEntryKind.Directory })
        {
            File.Delete(full);
        }

        Directory.CreateDirectory(full);
        _synced[path] = LocalStamp.Of(full)!.Value;
    }

    /// <summary>The fallback: the node's whole workspace comes back; files differing here are written, what it lacks is deleted here.</summary>
    private async Task PullWholeAsync(CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await ReadArchiveAsync("", async (entry, relative) =>
        {
            if (entry.EntryType is TarEntryType.Directory or TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.SymbolicLink)
            {
                seen.Add(relative);
            }

            if (!await HoldsAsync(entry, relative, cancellationToken).ConfigureAwait(false))
            {
                await TakeAsync(entry, relative, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        DeleteGone(seen.Contains);
    }

    /// <summary>
    /// Sends the given paths of the mirror in one archive. A file is read whole before its entry is written: a parallel
    /// branch's writeFile growing it meanwhile would otherwise give the entry more bytes than its header says (an archive
    /// the engine refuses); one deleted meanwhile is left out (the next push deletes it on the node).
    /// </summary>
    private async Task SendAsync(List<string> paths, CancellationToken cancellationToken)
    {
        using var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var path in paths)
            {
                try
                {
                    await WriteEntryAsync(writer, path, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
                {
                    // Gone since the scan.
                }
            }
        }

        tar.Position = 0;
        await engine.Client.Containers.ExtractArchiveToContainerAsync(containerId, new CopyToContainerParameters { Path = workspace, AllowOverwriteDirWithFile = true }, tar, cancellationToken)
            .ConfigureAwait(false);
    }

    private static readonly (int Uid, int Gid)? MirrorOwner = ContainerFactory.HostUser()?.Split(':') is [var uid, var gid]
        && int.TryParse(uid, CultureInfo.InvariantCulture, out var u) && int.TryParse(gid, CultureInfo.InvariantCulture, out var g) ? (u, g) : null;

    private async Task WriteEntryAsync(TarWriter writer, string path, CancellationToken cancellationToken)
    {
        var full = Path.Combine(workspace, path);
        var file = new FileInfo(full);
        if (!file.Exists || file.LinkTarget is not null)
        {
            await writer.WriteEntryAsync(full, path, cancellationToken).ConfigureAwait(false);
            return;
        }

        var content = await File.ReadAllBytesAsync(full, cancellationToken).ConfigureAwait(false);
        using var data = new MemoryStream(content, writable: false);
        var entry = new PaxTarEntry(TarEntryType.RegularFile, path)
        {
            Mode = file.UnixFileMode,
            ModificationTime = file.LastWriteTimeUtc,
            DataStream = data,
        };
        if (MirrorOwner is var (uid, gid))
        {
            // As an entry made from the file would say: the mirror's files are this process's.
            entry.Uid = uid;
            entry.Gid = gid;
        }

        await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _gate.Dispose();
}
