using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Files;
using ContainerCd.Runtime.Pipeline.Globals;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// checkout scm: copies the project the Jenkinsfile came from into the current directory (for a git
/// repository, its tracked and untracked-but-not-ignored files, so uncommitted changes are built; symbolic
/// links as links, as git checks them out) and
/// returns the git variables (GIT_COMMIT, GIT_BRANCH, GIT_LOCAL_BRANCH, GIT_URL).
/// </summary>
internal static class ScmSteps
{
    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("checkout", CheckoutAsync);
    }

    private static async ValueTask<object?> CheckoutAsync(StepContext context)
    {
        var source = context.Argument("scm") is ScmValue scm ? scm.Directory : context.Build.Request.SourceDirectory;
        if (source is null)
        {
            throw context.Abort("There is no SCM to check out: this build's Jenkinsfile does not come from a project directory");
        }

        return await CheckoutAsync(context.Build, context.Flow, source, context.WorkingDirectory).ConfigureAwait(false);
    }

    public static async ValueTask<GroovyMap> CheckoutAsync(BuildContext build, FlowContext flow, string source, string target)
    {
        source = Path.GetFullPath(source);
        target = Path.GetFullPath(target);
        build.Log(flow, $"Checking out {source} into {target}");
        var isGit = Directory.Exists(Path.Combine(source, ".git")) || File.Exists(Path.Combine(source, ".git"));
        // ContainerCd's home and the workspace are not part of the project when they are in it (containercd run's
        // default home is ./.containercd); a project in the home (a server's HOME/jobs/JOB) is all copied.
        var skipped = new[] { Path.GetFullPath(build.Request.Home), target }.Where(d => d.StartsWith(source + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToArray();
        IEnumerable<string> files;
        if (isGit)
        {
            var listed = await GitCli.RunAsync(source, "ls-files", "-c", "-o", "--exclude-standard", "-z").ConfigureAwait(false);
            files = (listed ?? string.Empty).Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        else
        {
            files = SourceFiles(source, string.Empty, skipped);
        }

        var area = WorkspaceArea.ForWorkspace(flow.Node?.Workspace ?? target);
        try
        {
            Directory.CreateDirectory(target);
            foreach (var relative in files)
            {
                var from = Path.Combine(source, relative);
                if (!skipped.Any(d => from.StartsWith(d + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
                {
                    CopyEntry(area, from, target, relative);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StepErrors.Unexpected(e);
        }

        var result = new GroovyMap();
        if (isGit)
        {
            var commit = (await GitCli.RunAsync(source, "rev-parse", "HEAD").ConfigureAwait(false))?.Trim();
            var branch = (await GitCli.RunAsync(source, "rev-parse", "--abbrev-ref", "HEAD").ConfigureAwait(false))?.Trim();
            if (commit is { Length: > 0 })
            {
                result["GIT_COMMIT"] = commit;
            }

            if (branch is { Length: > 0 } && branch != "HEAD")
            {
                result["GIT_BRANCH"] = "origin/" + branch;
                result["GIT_LOCAL_BRANCH"] = branch;
            }

            result["GIT_URL"] = source;
        }

        return result;
    }

    /// <summary>
    /// Copies one entry of the project into the workspace as git checks it out: a file as a file, a symbolic link
    /// as the same link (never what it leads to, which may be missing or outside); whatever the workspace held
    /// at that path (a link left by an earlier build) is replaced, not written through, and the directory it
    /// goes into is reached through links only where they stay in the workspace.
    /// </summary>
    private static void CopyEntry(WorkspaceArea area, string from, string target, string relative)
    {
        var entry = new FileInfo(from);
        var linkTarget = entry.LinkTarget;
        if (linkTarget is null && !entry.Exists)
        {
            return;
        }

        var parent = area.Resolve(target, Path.GetDirectoryName(relative) ?? ".");
        if (!parent.IsInside)
        {
            throw StepErrors.Abort("Cannot check out " + relative + ": " + area.Refusal(Path.GetDirectoryName(relative)!, parent));
        }

        Directory.CreateDirectory(parent.FullPath);
        var to = Path.Combine(parent.FullPath, Path.GetFileName(relative));
        var existing = new FileInfo(to);
        if (existing.LinkTarget is not null || (linkTarget is not null && existing.Exists))
        {
            existing.Delete();
        }

        if (linkTarget is not null)
        {
            File.CreateSymbolicLink(to, linkTarget);
        }
        else
        {
            File.Copy(from, to, overwrite: true);
        }
    }

    /// <summary>
    /// The files and links of a project that is not a git repository, without going into linked directories or
    /// the <paramref name="skipped"/> ones.
    /// </summary>
    private static IEnumerable<string> SourceFiles(string directory, string prefix, string[] skipped)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (entry is DirectoryInfo && entry.LinkTarget is null)
            {
                if (skipped.Contains(entry.FullName, StringComparer.Ordinal))
                {
                    continue;
                }

                foreach (var file in SourceFiles(entry.FullName, prefix + entry.Name + "/", skipped))
                {
                    yield return file;
                }
            }
            else
            {
                yield return prefix + entry.Name;
            }
        }
    }
}
