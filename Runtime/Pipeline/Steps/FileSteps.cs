using System.Text;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using Microsoft.Extensions.FileSystemGlobbing;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>Workspace files: writeFile, readFile, fileExists, deleteDir, cleanWs, findFiles, stash, unstash, archiveArtifacts.</summary>
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

    private static ValueTask<object?> DeleteDirAsync(StepContext context)
    {
        var path = context.WorkingDirectory;
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
            foreach (var entry in Directory.EnumerateFileSystemEntries(workspace))
            {
                if (Directory.Exists(entry))
                {
                    Directory.Delete(entry, true);
                }
                else
                {
                    File.Delete(entry);
                }
            }
        }

        context.Log("[WS-CLEANUP] done");
        return ValueTask.FromResult<object?>(null);
    }

    /// <summary>Files under <paramref name="root"/> matching comma-separated Ant globs, relative paths with '/'.</summary>
    public static List<string> Glob(string root, string? includes, string? excludes)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        foreach (var pattern in Split(includes ?? "**"))
        {
            matcher.AddInclude(pattern.EndsWith('/') ? pattern + "**" : pattern);
        }

        foreach (var pattern in Split(excludes))
        {
            matcher.AddExclude(pattern.EndsWith('/') ? pattern + "**" : pattern);
        }

        return Directory.Exists(root)
            ? [.. matcher.GetResultsInFullPath(root).Select(p => Path.GetRelativePath(root, p).Replace('\\', '/')).Order(StringComparer.Ordinal)]
            : [];
    }

    private static string[] Split(string? patterns) =>
        (patterns ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static ValueTask<object?> FindFilesAsync(StepContext context)
    {
        var root = context.WorkingDirectory;
        var files = Glob(root, context.Text("glob") ?? "*", context.Text("excludes", int.MaxValue));
        var result = files.Select(relative =>
        {
            var info = new FileInfo(Path.Combine(root, relative));
            var map = new GroovyMap
            {
                ["name"] = info.Name,
                ["path"] = relative,
                ["directory"] = false,
                ["length"] = info.Length,
                ["lastModified"] = new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeMilliseconds(),
            };
            return (object?)map;
        }).ToList();
        return ValueTask.FromResult<object?>(result);
    }

    private static ValueTask<object?> StashAsync(StepContext context)
    {
        var name = context.RequiredString("name");
        var root = context.WorkingDirectory;
        var files = Glob(root, context.Text("includes", int.MaxValue) ?? "**", context.Text("excludes", int.MaxValue));
        if (files.Count == 0 && !context.Boolean("allowEmpty", false))
        {
            throw context.Abort("No files included in stash ‘" + name + "’");
        }

        var target = Path.Combine(context.Build.StashRoot, name);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, true);
        }

        foreach (var relative in files)
        {
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(Path.Combine(root, relative), destination, overwrite: true);
        }

        Directory.CreateDirectory(target);
        context.Build.Stashes[name] = target;
        context.Log($"Stashed {files.Count} file(s)");
        return ValueTask.FromResult<object?>(null);
    }

    private static ValueTask<object?> UnstashAsync(StepContext context)
    {
        var name = context.RequiredString("name");
        // A stash of this build, or one it started with (a restart carries the earlier build's stashes over).
        var source = context.Build.Stashes.TryGetValue(name, out var saved) ? saved : Path.Combine(context.Build.StashRoot, name);
        if (!Directory.Exists(source) || Path.GetDirectoryName(Path.GetFullPath(source)) != Path.GetFullPath(context.Build.StashRoot))
        {
            throw context.Abort("No such saved stash ‘" + name + "’");
        }

        var root = context.WorkingDirectory;
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(root, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        return ValueTask.FromResult<object?>(null);
    }

    private static ValueTask<object?> ArchiveAsync(StepContext context, string parameter)
    {
        var root = context.WorkingDirectory;
        var files = Glob(root, context.RequiredString(parameter), context.Text("excludes", int.MaxValue));
        context.Log("Archiving artifacts");
        if (files.Count == 0 && !context.Boolean("allowEmptyArchive", false))
        {
            throw context.Abort($"No artifacts found that match the file pattern \"{context.Text(parameter)}\". Configuration error?");
        }

        var target = context.Build.ArtifactRoot;
        foreach (var relative in files)
        {
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(Path.Combine(root, relative), destination, overwrite: true);
        }

        return ValueTask.FromResult<object?>(null);
    }

    internal static string Text(object? value) => GroovyFormat.ToDisplayString(value);
}
