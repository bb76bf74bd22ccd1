using System.Collections.Immutable;

namespace ContainerCd.Runtime.Pipeline.Files;

/// <summary>
/// Finds the files an <see cref="AntPatternSet"/> selects under a directory of a <see cref="WorkspaceArea"/>, the
/// one glob of archiveArtifacts, stash, junit and findFiles. Directories are entered only where a pattern could
/// match below. A symbolic link is followed only where its target stays inside the area: a link to a file
/// there is selected as that file (under the link's name), a link to a directory there is scanned (once per
/// branch, so a link cycle ends); a link that leaves the area, or whose target does not exist, is skipped with
/// a warning when the patterns select or name it. With <c>followSymlinks: false</c> links are not selected at all.
/// </summary>
public static class WorkspaceScanner
{
    public static ScanResult Scan(WorkspaceArea area, string directory, AntPatternSet patterns, bool followSymlinks = true)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentNullException.ThrowIfNull(patterns);
        var files = ImmutableArray.CreateBuilder<MatchedFile>();
        var warnings = ImmutableArray.CreateBuilder<string>();
        var start = area.Resolve(directory, ".");
        if (start.IsInside && Directory.Exists(start.FullPath))
        {
            var scan = new Scanning(area, patterns, followSymlinks, files, warnings);
            scan.Directory(start.FullPath, string.Empty, [start.FullPath]);
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new ScanResult(files.ToImmutable(), warnings.ToImmutable());
    }

    private sealed class Scanning(WorkspaceArea area, AntPatternSet patterns, bool followSymlinks, ImmutableArray<MatchedFile>.Builder files, ImmutableArray<string>.Builder warnings)
    {
        public void Directory(string real, string prefix, HashSet<string> branch)
        {
            foreach (var entry in new DirectoryInfo(real).EnumerateFileSystemInfos())
            {
                var path = prefix + entry.Name;
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0 && entry.LinkTarget is { } target)
                {
                    if (followSymlinks)
                    {
                        Link(real, entry.Name, path, target, branch);
                    }
                }
                else if (entry is DirectoryInfo)
                {
                    if (patterns.CouldSelectBelow(path))
                    {
                        Directory(entry.FullName, path + "/", [.. branch, entry.FullName]);
                    }
                }
                else if (patterns.Selects(path))
                {
                    files.Add(new MatchedFile(path, entry.FullName));
                }
            }
        }

        private void Link(string real, string name, string path, string target, HashSet<string> branch)
        {
            var resolved = area.Resolve(real, name);
            if (!resolved.IsInside)
            {
                Skip(path, resolved.Verdict == PathVerdict.TooManyLinks
                    ? "too many levels of symbolic links"
                    : $"a symbolic link to {resolved.LinkTarget ?? target}, outside the workspace");
            }
            else if (System.IO.Directory.Exists(resolved.FullPath))
            {
                if (patterns.CouldSelectBelow(path) && !branch.Contains(resolved.FullPath))
                {
                    Directory(resolved.FullPath, path + "/", [.. branch, resolved.FullPath]);
                }
            }
            else if (File.Exists(resolved.FullPath))
            {
                if (patterns.Selects(path))
                {
                    files.Add(new MatchedFile(path, resolved.FullPath));
                }
            }
            else
            {
                Skip(path, $"a symbolic link to {target}, which does not exist");
            }
        }

        private void Skip(string path, string why)
        {
            if (patterns.Names(path))
            {
                warnings.Add($"Skipped {path}: {why}");
            }
        }
    }
}
