using System.Text;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Files;
using ContainerCd.Runtime.Publishing;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>Workspace files: writeFile, readFile, fileExists, deleteDir, cleanWs, findFiles, stash, unstash, archiveArtifacts, fingerprint.</summary>
internal static class FileSteps
{
    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("writeFile", WriteFileAsync);
        yield return new DelegateStep("readFile", ReadFileAsync);
        yield return new DelegateStep("fileExists", FileExistsAsync);
        yield return new DelegateStep("deleteDir", DeleteDirAsync);
        yield return new DelegateStep("cleanWs", CleanWsAsync);
        yield return new DelegateStep("findFiles", FindFilesAsync);
        yield return new DelegateStep("stash", StashAsync);
        yield return new DelegateStep("unstash", UnstashAsync);
        yield return new DelegateStep("archiveArtifacts", context => ArchiveAsync(context, "artifacts"));
        yield return new DelegateStep("archive", context => ArchiveAsync(context, "includes"));
        yield return new DelegateStep("fingerprint", FingerprintAsync);
    }

    private static async ValueTask<object?> WriteFileAsync(StepContext context)
    {
        var path = context.ResolvePath(context.RequiredString("file"));
        var text = context.Text("text", 1) ?? string.Empty;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text, new UTF8Encoding(false), context.CancellationToken).ConfigureAwait(false);
        return null;
    }

    private static async ValueTask<object?> ReadFileAsync(StepContext context)
    {
        var path = context.ResolvePath(context.RequiredString("file"));
        if (!File.Exists(path))
        {
            throw StepErrors.Abort("java.nio.file.NoSuchFileException: " + path);
        }

        return await File.ReadAllTextAsync(path, context.CancellationToken).ConfigureAwait(false);
    }

    private static ValueTask<object?> FileExistsAsync(StepContext context)
    {
        var relative = context.RequiredString("file");
        var path = context.ResolvePath(relative);
        return ValueTask.FromResult<object?>(relative.Length == 0 || File.Exists(path) || Directory.Exists(path));
    }

    /// <summary>Deletes the current directory; a link is removed, not the directory it leads to (as hudson.Util.deleteRecursive).</summary>
    private static ValueTask<object?> DeleteDirAsync(StepContext context)
    {
        var logical = Path.TrimEndingDirectorySeparator(Path.GetFullPath(context.WorkingDirectory));
        if (new FileInfo(logical).LinkTarget is not null)
        {
            File.Delete(logical);
            return ValueTask.FromResult<object?>(null);
        }

        var path = context.ResolvePath(".");
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        return ValueTask.FromResult<object?>(null);
    }

    private static ValueTask<object?> CleanWsAsync(StepContext context)
    {
        context.Log("[WS-CLEANUP] Deleting project workspace...");
        var workspace = context.RequireNode().Workspace;
        if (Directory.Exists(workspace))
        {
            foreach (var entry in new DirectoryInfo(workspace).EnumerateFileSystemInfos())
            {
                // A link goes, never what it leads to.
                if (entry is DirectoryInfo && entry.LinkTarget is null)
                {
                    Directory.Delete(entry.FullName, true);
                }
                else
                {
                    File.Delete(entry.FullName);
                }
            }
        }

        context.Log("[WS-CLEANUP] done");
        return ValueTask.FromResult<object?>(null);
    }

    /// <summary>
    /// pipeline-utility-steps' findFiles: a FileWrapper[] of the files the glob selects under the current
    /// directory, or without a glob, of the directory's own entries (files and directories).
    /// </summary>
    private static ValueTask<object?> FindFilesAsync(StepContext context)
    {
        var glob = context.Text("glob");
        var found = string.IsNullOrWhiteSpace(glob)
            ? Entries(context)
            : context.Scan(glob, context.Text("excludes", int.MaxValue)).Select(f => FileWrapperValue.Of(f.Path, f.FullPath));
        return ValueTask.FromResult<object?>(new ArrayValue(FileWrapperValue.ClassName, found));
    }

    private static List<FileWrapperValue> Entries(StepContext context)
    {
        var files = context.Files;
        var directory = context.ResolvePath(".");
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var entries = new List<FileWrapperValue>();
        foreach (var name in Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            var entry = files.Resolve(directory, name!);
            if (entry.Exists)
            {
                entries.Add(FileWrapperValue.Of(name!, entry.FullPath));
            }
            else
            {
                context.Log("WARNING: Skipped " + name + ": " + (entry.IsInside ? $"a symbolic link to {entry.LinkTarget}, which does not exist" : files.Refusal(name!, entry)));
            }
        }

        return entries;
    }

    private static ValueTask<object?> StashAsync(StepContext context)
    {
        var name = context.RequiredString("name");
        var files = context.Scan(context.Text("includes", int.MaxValue) ?? "**", context.Text("excludes", int.MaxValue), context.Boolean("useDefaultExcludes", true));
        if (files.Count == 0 && !context.Boolean("allowEmpty", false))
        {
            throw context.Abort("No files included in stash ‘" + name + "’");
        }

        var target = Path.Combine(context.Build.StashRoot, name);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, true);
        }

        foreach (var file in files)
        {
            var destination = Path.Combine(target, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file.FullPath, destination, overwrite: true);
        }

        Directory.CreateDirectory(target);
        context.Build.Stashes[name] = target;
        context.Log($"Stashed {files.Count} file(s)");
        return ValueTask.FromResult<object?>(null);
    }

    /// <summary>Restores a stash into the current directory, writing through links only where they stay in the workspace.</summary>
    private static ValueTask<object?> UnstashAsync(StepContext context)
    {
        var name = context.RequiredString("name");
        // A stash of this build, or one it started with (a restart carries the earlier build's stashes over).
        var source = context.Build.Stashes.TryGetValue(name, out var saved) ? saved : Path.Combine(context.Build.StashRoot, name);
        if (!Directory.Exists(source) || Path.GetDirectoryName(Path.GetFullPath(source)) != Path.GetFullPath(context.Build.StashRoot))
        {
            throw context.Abort("No such saved stash ‘" + name + "’");
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = context.ResolvePath(Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        return ValueTask.FromResult<object?>(null);
    }

    /// <summary>archiveArtifacts: copies the selected files to the build's artifacts, links inside the workspace as the files they lead to.</summary>
    private static async ValueTask<object?> ArchiveAsync(StepContext context, string parameter)
    {
        var pattern = context.RequiredString(parameter);
        context.Log("Archiving artifacts");
        var files = context.Scan(pattern, context.Text("excludes", int.MaxValue), context.Boolean("defaultExcludes", true),
            context.Boolean("caseSensitive", true), context.Boolean("followSymlinks", true));
        if (files.Count == 0 && !context.Boolean("allowEmptyArchive", false))
        {
            throw context.Abort($"No artifacts found that match the file pattern \"{pattern}\". Configuration error?");
        }

        var target = context.Build.ArtifactRoot;
        foreach (var file in files)
        {
            var destination = Path.Combine(target, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file.FullPath, destination, overwrite: true);
        }

        if (context.Boolean("fingerprint", false) && files.Count > 0)
        {
            await Fingerprinter.RecordAsync(context, files).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>The fingerprint step (core's Fingerprinter): records the MD5 of the files the patterns select (none is no error, as in Jenkins).</summary>
    private static async ValueTask<object?> FingerprintAsync(StepContext context)
    {
        var files = context.Scan(context.RequiredString("targets"), context.Text("excludes", int.MaxValue), context.Boolean("defaultExcludes", true), context.Boolean("caseSensitive", true));
        await Fingerprinter.RecordAsync(context, files).ConfigureAwait(false);
        return null;
    }

    internal static string Text(object? value) => GroovyFormat.ToDisplayString(value);
}
