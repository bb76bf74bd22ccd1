namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>
/// A path of the mirror on this machine as it was at a sync: its kind, and for a file its length, modification time and
/// permissions (a folder's permissions; a link's target). A path whose stamp differs from the one recorded at the last
/// sync changed here since (a file step wrote it, a chmod...).
/// </summary>
internal readonly record struct LocalStamp(NodeEntryKind Kind, long Length, long ModifiedTicks, UnixFileMode Mode, string? Target = null)
{
    /// <summary>The stamp of one path (links not followed); null when it does not exist.</summary>
    public static LocalStamp? Of(string path)
    {
        FileSystemInfo info = new FileInfo(path);
        if (!info.Exists && info.LinkTarget is null)
        {
            info = new DirectoryInfo(path);
            if (!info.Exists)
            {
                return null;
            }
        }

        return Of(info);
    }

    public static LocalStamp Of(FileSystemInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        // A link's target is read only for a link (LinkTarget asks the system each time; the attributes come from the one lstat).
        var link = info.Attributes.HasFlag(FileAttributes.ReparsePoint) ? info.LinkTarget : null;
        var kind = link is not null ? NodeEntryKind.Link : info is DirectoryInfo ? NodeEntryKind.Directory : NodeEntryKind.File;
        var length = kind == NodeEntryKind.File ? ((FileInfo)info).Length : -1;
        // A folder's own time changes with every entry made or deleted in it, which the entries' own stamps tell: its kind
        // and permissions are what is its own.
        return new LocalStamp(kind, length, kind == NodeEntryKind.File ? info.LastWriteTimeUtc.Ticks : 0, kind == NodeEntryKind.Link ? 0 : info.UnixFileMode, link);
    }

    /// <summary>Every file, folder and link under <paramref name="root"/>, by path relative to it with '/' (links not followed).</summary>
    public static Dictionary<string, LocalStamp> Scan(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var stamps = new Dictionary<string, LocalStamp>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            return stamps;
        }

        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            foreach (var info in new DirectoryInfo(pending.Pop()).EnumerateFileSystemInfos())
            {
                var stamp = Of(info);
                stamps[Path.GetRelativePath(root, info.FullName).Replace('\\', '/')] = stamp;
                if (stamp.Kind == NodeEntryKind.Directory)
                {
                    pending.Push(info.FullName);
                }
            }
        }

        return stamps;
    }

    /// <summary>
    /// Whether the node's entry is what this machine sent as this stamp and nothing wrote it since: same kind, and for a
    /// file the same length and permissions, the modification time sent (within the second: the engine's extraction does
    /// not keep all of it), and a modification time older than the change time: the extraction set the one and stamped
    /// the other, while a write there stamps both alike. A link is never taken as unchanged (its target is not in the
    /// listing): it is fetched again, which costs one small entry.
    /// </summary>
    public bool IsSentAs(NodeEntry entry) => Kind == entry.Kind && Kind switch
    {
        NodeEntryKind.Directory => true,
        NodeEntryKind.File => Length == entry.Size && (int)Mode == entry.Permissions && entry.Modified < entry.Changed
            && Math.Abs(entry.Modified - ((ModifiedTicks - DateTime.UnixEpoch.Ticks) * 100)) < 1_000_000_000,
        _ => false,
    };
}
