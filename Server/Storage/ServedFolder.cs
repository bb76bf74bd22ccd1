namespace ContainerCd.Server.Storage;

/// <summary>
/// A folder of files a build published and the server serves (its archived artifacts, an HTML report): their list,
/// and the one way a request path becomes a file. Only a plain file or folder inside the folder is ever given out:
/// a path with an empty, <c>.</c> or <c>..</c> segment (also once more percent-encoded), a backslash, a drive or
/// a link leading out of the folder is refused.
/// </summary>
internal sealed class ServedFolder(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The archived files' paths relative to the folder, with '/', in ordinal order (none when nothing was archived).</summary>
    public IReadOnlyList<string> List()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        return [.. Directory.EnumerateFiles(Root, "*", options)
            .Select(file => Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The file or folder at <paramref name="relativePath"/> ('/'-separated, as decoded from the URL), or null when there is none or the path is refused.</summary>
    public FileSystemInfo? Find(string relativePath)
    {
        if (!IsPlainRelative(relativePath))
        {
            return null;
        }

        var current = Root;
        FileSystemInfo? found = Directory.Exists(Root) ? new DirectoryInfo(Root) : null;
        foreach (var segment in relativePath.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (found is not DirectoryInfo)
            {
                return null;
            }

            current = Path.Combine(current, segment);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null)
            {
                // archiveArtifacts and publishHTML copy files, so a link here was not put by them: never follow it.
                return null;
            }

            found = info.Exists ? info : Directory.Exists(current) ? new DirectoryInfo(current) : null;
        }

        return found is not null && IsInside(found.FullName) ? found : null;
    }

    /// <summary>The files under <paramref name="folder"/> (a folder <see cref="Find"/> gave), with their paths relative to it.</summary>
    public static IEnumerable<(string Path, FileInfo File)> FilesUnder(DirectoryInfo folder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true };
        return folder.EnumerateFiles("*", options)
            .Select(file => (Path.GetRelativePath(folder.FullName, file.FullName).Replace(Path.DirectorySeparatorChar, '/'), file))
            .OrderBy(entry => entry.Item1, StringComparer.Ordinal);
    }

    /// <summary>
    /// Jenkins' <c>displayPath</c>: the file name when no other artifact has it, else the shortest tail of the
    /// path that tells it apart from the others of that name.
    /// </summary>
    public static IReadOnlyList<string> DisplayPaths(IReadOnlyList<string> paths)
    {
        var byName = paths.GroupBy(FileName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return [.. paths.Select(path =>
        {
            var same = byName[FileName(path)];
            var segments = path.Split('/');
            for (var count = 1; count < segments.Length; count++)
            {
                var tail = string.Join('/', segments[^count..]);
                if (same.Count(other => other == tail || other.EndsWith("/" + tail, StringComparison.Ordinal)) == 1)
                {
                    return tail;
                }
            }

            return path;
        })];
    }

    public static string FileName(string path) => path[(path.LastIndexOf('/') + 1)..];

    private bool IsInside(string fullPath) =>
        fullPath == Root || fullPath.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static bool IsPlainRelative(string relativePath)
    {
        if (relativePath.Length == 0)
        {
            return true;
        }

        if (relativePath[0] == '/' || relativePath.Contains('\\', StringComparison.Ordinal) || relativePath.Contains('\0', StringComparison.Ordinal) || Path.IsPathRooted(relativePath))
        {
            return false;
        }

        var segments = relativePath.TrimEnd('/').Split('/');
        return segments.All(segment =>
        {
            // A segment that still holds an escape was encoded twice: judge what it would decode to as well.
            var decoded = Uri.UnescapeDataString(segment);
            return segment.Length > 0 && segment is not ("." or "..") && decoded is not ("." or "..")
                && !decoded.Contains('/', StringComparison.Ordinal) && !decoded.Contains('\\', StringComparison.Ordinal);
        });
    }
}
