using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.History;
using ContainerCd.Runtime.Pipeline.Files;
using ContainerCd.Runtime.Pipeline.Steps;
using ContainerCd.Runtime.Scm;
using LibGit2Sharp;

namespace ContainerCd.Runtime.Pipeline.Scm;

/// <summary>
/// <c>checkout scm</c> of the project folder a Jenkinsfile was run from (<c>containercd run</c>), which users
/// expect to build as it is on their disk, uncommitted changes included. A folder that is a git working copy
/// with a commit becomes a working copy in the workspace too: its HEAD commit checked out (with <c>.git</c>, so
/// <c>git log</c> works in steps; on its branch, origin being the folder), then its uncommitted changes laid over
/// it (modified and untracked-but-not-ignored files copied, deleted ones deleted), so <c>git status</c> in the
/// workspace shows what it shows in the folder; GIT_COMMIT is that HEAD commit. Any other folder is copied.
/// Symbolic links are copied as links, never followed; ContainerCd's home and the workspace are skipped where
/// they lie inside the project.
/// </summary>
internal static class ProjectCheckout
{
    public static async ValueTask<GroovyMap> RunAsync(BuildContext build, FlowContext flow, string source, string target, bool changelog)
    {
        source = Path.GetFullPath(source);
        target = Path.GetFullPath(target);
        build.Log(flow, $"Checking out {source} into {target}");
        // ContainerCd's home and the workspace are not part of the project when they are in it (containercd run's
        // default home is ./.containercd); a project in the home (a server's HOME/jobs/JOB) is all copied.
        var skipped = new[] { Path.GetFullPath(build.Request.Home), target }.Where(d => d.StartsWith(source + Path.DirectorySeparatorChar, StringComparison.Ordinal)).ToArray();
        var area = WorkspaceArea.ForWorkspace(flow.Node?.Workspace ?? target);
        var head = Head(source);
        try
        {
            Directory.CreateDirectory(target);
            if (head is null)
            {
                foreach (var relative in SourceFiles(source, string.Empty, skipped))
                {
                    CopyEntry(area, Path.Combine(source, relative), target, relative);
                }

                return new GroovyMap();
            }

            var remote = GitRemote.Parse(source);
            await build.WhileWaitingAsync(async () =>
            {
                try
                {
                    await GitWorkingCopy.CheckoutAsync(new GitCheckoutOptions { Directory = target, Remote = remote, Source = source, Commit = head.Commit, LocalBranch = head.Branch }, flow.CancellationToken).ConfigureAwait(false);
                }
                catch (GitException e)
                {
                    throw StepErrors.Abort($"Could not check out {head.Commit} of {source}: {e.Message}");
                }
            }).ConfigureAwait(false);
            LayUncommittedChanges(area, source, target, skipped);

            var reader = new GitReader(source);
            var branch = head.Branch ?? "HEAD";
            var (previous, previousSuccessful) = await GitCheckout.PreviousAsync(build, remote, branch).ConfigureAwait(false);
            var changes = changelog ? GitCheckout.Changes(build, flow, reader, previous, head.Commit) : null;
            build.Scm.Record(new ScmRevision(remote.Normalized, branch, head.Commit), changes);
            return ScmVariables.For(reader.GetCommit(head.Commit)!, source, head.Branch is null ? "detached" : "origin/" + head.Branch, head.Branch, previous, previousSuccessful);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or LibGit2SharpException)
        {
            throw StepErrors.Unexpected(e);
        }
    }

    private sealed record ProjectHead(string Commit, string? Branch);

    /// <summary>The commit (and branch) the folder's repository is at; null when it is no git working copy or has no commit yet.</summary>
    private static ProjectHead? Head(string source)
    {
        if (!Directory.Exists(Path.Combine(source, ".git")) && !File.Exists(Path.Combine(source, ".git")))
        {
            return null;
        }

        using var repository = new Repository(source);
        return repository.Head.Tip is { } tip
            ? new ProjectHead(tip.Sha, repository.Info.IsHeadDetached ? null : repository.Head.FriendlyName)
            : null;
    }

    /// <summary>What <c>git status</c> shows in the folder, brought into the workspace: changed and new files copied, deleted ones deleted.</summary>
    private static void LayUncommittedChanges(WorkspaceArea area, string source, string target, string[] skipped)
    {
        using var repository = new Repository(source);
        var status = repository.RetrieveStatus(new StatusOptions { IncludeUntracked = true, RecurseUntrackedDirs = true, IncludeIgnored = false, DetectRenamesInIndex = false, DetectRenamesInWorkDir = false });
        foreach (var entry in status.Where(e => e.State != FileStatus.Unaltered && e.State != FileStatus.Ignored))
        {
            var from = Path.Combine(source, entry.FilePath);
            if (skipped.Any(d => from.StartsWith(d + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
            {
                continue;
            }

            var file = new FileInfo(from);
            if (file.Exists || file.LinkTarget is not null)
            {
                CopyEntry(area, from, target, entry.FilePath);
            }
            else
            {
                var inWorkspace = area.Resolve(target, entry.FilePath);
                var existing = new FileInfo(inWorkspace.FullPath);
                if (inWorkspace.IsInside && (existing.Exists || existing.LinkTarget is not null))
                {
                    existing.Delete();
                }
            }
        }
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
    /// The files and links of a project that is not a git working copy (or has no commit yet: its <c>.git</c> is
    /// left out), without going into linked directories or the <paramref name="skipped"/> ones.
    /// </summary>
    private static IEnumerable<string> SourceFiles(string directory, string prefix, string[] skipped)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            if (prefix.Length == 0 && entry.Name == ".git")
            {
                continue;
            }

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
