using System.Formats.Tar;
using System.Net;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>The node-to-mirror half: archives fetched from the node's workspace (GET /containers/{id}/archive) and their entries written here.</summary>
internal sealed partial class WorkspaceMirror
{
    /// <summary>Fetches the changed files and links (through the agent's shell when they are few bytes, see <see cref="FetchThroughShellAsync"/>); returns those the node no longer had by then.</summary>
    private async Task<HashSet<string>> FetchAsync(List<string> paths, NodeListing listing, CancellationToken cancellationToken)
    {
        var missing = new HashSet<string>(paths, StringComparer.Ordinal);
        if (paths.Count == 0)
        {
            return missing;
        }

        var wanted = paths.Sum(p => Math.Max(0, listing.Entries[p].Size));
        if (await FetchThroughShellAsync(paths, wanted, cancellationToken).ConfigureAwait(false) is { } notInTar)
        {
            if (notInTar.Count == 0)
            {
                return notInTar;
            }

            // Gone since the listing, or unreadable to the step's user: the archive endpoint tells which.
            paths = [.. notInTar.Order(StringComparer.Ordinal)];
            missing = notInTar;
            wanted = paths.Sum(p => Math.Max(0, listing.Entries[p].Size));
        }

        var folder = CommonFolder(paths);
        var holds = listing.Entries.Where(e => folder.Length == 0 || e.Key.StartsWith(folder + "/", StringComparison.Ordinal)).Sum(e => Math.Max(0, e.Value.Size));
        if (paths.Count > OneByOneUpTo && holds <= (4 * wanted) + (1 << 20))
        {
            await ReadArchiveAsync(folder, async (entry, relative) =>
            {
                if (missing.Remove(relative))
                {
                    await TakeAsync(entry, relative, cancellationToken).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);
            return missing;
        }

        foreach (var path in paths)
        {
            await ReadArchiveAsync(path, async (entry, relative) =>
            {
                if (relative == path && missing.Remove(relative))
                {
                    await TakeAsync(entry, relative, cancellationToken).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);
        }

        return missing;
    }

    /// <summary>The deepest folder holding all of <paramref name="paths"/> ("" for the workspace itself).</summary>
    private static string CommonFolder(List<string> paths)
    {
        var common = Path.GetDirectoryName(paths[0])?.Replace('\\', '/') ?? "";
        foreach (var path in paths.Skip(1))
        {
            while (common.Length > 0 && !path.StartsWith(common + "/", StringComparison.Ordinal))
            {
                common = Path.GetDirectoryName(common)?.Replace('\\', '/') ?? "";
            }
        }

        return common;
    }

    /// <summary>
    /// Reads the archive of one path of the node's workspace ("" for all of it), giving each entry with its path relative
    /// to the workspace; a path the node does not have (any more) gives none.
    /// </summary>
    private async Task ReadArchiveAsync(string path, Func<TarEntry, string, Task> take, CancellationToken cancellationToken)
    {
        using var tar = new MemoryStream();
        Interlocked.Increment(ref _archiveReads);
        try
        {
            var response = await engine.Client.Containers.GetArchiveFromContainerAsync(containerId,
                new ContainerPathStatParameters { Path = path.Length == 0 ? workspace : $"{workspace}/{path}" }, false, cancellationToken).ConfigureAwait(false);
            await using var stream = response.Stream ?? Stream.Null;
            await CopyChunkedAsync(stream, tar, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound && path.Length > 0)
        {
            return;
        }

        tar.Position = 0;
        await using var reader = new TarReader(tar);
        while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            // Entries are named after the path's last segment ("ws/", "ws/a.txt"; "a.txt"): that segment is the path itself.
            var slash = entry.Name.IndexOf('/', StringComparison.Ordinal);
            var rest = slash < 0 ? "" : entry.Name[(slash + 1)..].TrimEnd('/');
            var relative = rest.Length == 0 ? path : path.Length == 0 ? rest : $"{path}/{rest}";
            if (relative.Length > 0 && !relative.Split('/').Any(part => part is "" or "." or ".."))
            {
                await take(entry, relative).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Whether the mirror already has this entry's file with the same content (the fallback's check; it records the stamp then).</summary>
    private async Task<bool> HoldsAsync(TarEntry entry, string relative, CancellationToken cancellationToken)
    {
        var full = Path.Combine(workspace, relative);
        if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || LocalStamp.Of(full) is not { Kind: NodeEntryKind.File } stamp
            || stamp.Length != entry.Length || entry.DataStream is not { CanSeek: true } data)
        {
            return false;
        }

        var local = new byte[81920];
        var remote = new byte[local.Length];
        await using (var file = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, local.Length, useAsync: true))
        {
            int read;
            while ((read = await file.ReadAsync(local, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await data.ReadExactlyAsync(remote.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                if (!local.AsSpan(0, read).SequenceEqual(remote.AsSpan(0, read)))
                {
                    data.Position = 0;
                    return false;
                }
            }
        }

        _synced[relative] = stamp;
        return true;
    }

    /// <summary>Writes one entry into the mirror (a file through a temporary name, so that a reader never sees half of it) and records its stamp.</summary>
    private async Task TakeAsync(TarEntry entry, string relative, CancellationToken cancellationToken)
    {
        var full = Path.Combine(workspace, relative);
        var existing = LocalStamp.Of(full);
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                MakeFolder(relative);
                return;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                RemoveFolder(full, existing);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                var part = Path.Combine(Path.GetDirectoryName(full)!, $".containercd-{Guid.NewGuid():N}.part");
                await entry.ExtractToFileAsync(part, overwrite: true, cancellationToken).ConfigureAwait(false);
                File.Move(part, full, overwrite: true);
                break;
            case TarEntryType.SymbolicLink:
                RemoveFolder(full, existing);
                if (existing is { Kind: NodeEntryKind.Link } && new FileInfo(full).LinkTarget == entry.LinkName)
                {
                    break;
                }

                if (existing is { Kind: not NodeEntryKind.Directory })
                {
                    File.Delete(full);
                }

                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.CreateSymbolicLink(full, entry.LinkName);
                break;
            default:
                // Devices, fifos and hard links have no place in a workspace mirror.
                return;
        }

        _synced[relative] = LocalStamp.Of(full)!.Value;
        Interlocked.Increment(ref _fetched);
    }

    private static void RemoveFolder(string full, LocalStamp? existing)
    {
        if (existing is { Kind: NodeEntryKind.Directory })
        {
            Directory.Delete(full, recursive: true);
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
}
