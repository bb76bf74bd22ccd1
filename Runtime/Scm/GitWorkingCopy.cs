using LibGit2Sharp;

namespace ContainerCd.Runtime.Scm;

/// <summary>
/// Makes or updates a working copy: a real git repository in the folder (so <c>git log</c>, <c>git describe</c> and
/// <c>git rev-parse</c> work in steps), fetched from a local source (the remote's mirror, so the remote itself is
/// not asked again), at exactly the commit asked for. libgit2 does the work; a shallow fetch uses the git command
/// line, since libgit2's local transport ignores a depth.
/// </summary>
public static class GitWorkingCopy
{
    /// <summary>Checks the commit out; true when the folder held no repository before (a clone rather than a fetch).</summary>
    public static async Task<bool> CheckoutAsync(GitCheckoutOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var created = Prepare(options);
        if (options.Depth is { } depth)
        {
            var source = "file://" + Path.GetFullPath(options.Source);
            string[] arguments = ["fetch", "--force", "--depth=" + depth.ToString(System.Globalization.CultureInfo.InvariantCulture), options.NoTags ? "--no-tags" : "--tags", "--", source, "+refs/heads/*:refs/remotes/origin/*", .. options.RefSpecs, options.Commit];
            var (exit, _, error) = await GitCommandLine.RunAsync(options.Directory, arguments, null, cancellationToken).ConfigureAwait(false);
            if (exit != 0)
            {
                throw new GitException(GitCommandLine.Reason(error));
            }
        }

        await Task.Run(() => Checkout(options, fetch: options.Depth is null, cancellationToken), cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <summary>Makes the folder a repository whose origin is the remote (again, when an earlier shallow copy is to be deepened).</summary>
    private static bool Prepare(GitCheckoutOptions options)
    {
        try
        {
            var gitDirectory = Path.Combine(options.Directory, ".git");
            if (options.Depth is null && File.Exists(Path.Combine(gitDirectory, "shallow")))
            {
                // A shallow copy left by an earlier build: the whole history is asked for now.
                Directory.Delete(gitDirectory, recursive: true);
            }

            var created = !Repository.IsValid(options.Directory);
            if (created)
            {
                Directory.CreateDirectory(options.Directory);
                Repository.Init(options.Directory);
            }

            if (options.Reference is { } reference)
            {
                var objects = Directory.Exists(Path.Combine(reference, ".git", "objects")) ? Path.Combine(reference, ".git", "objects") : Path.Combine(reference, "objects");
                File.WriteAllText(Path.Combine(gitDirectory, "objects", "info", "alternates"), Path.GetFullPath(objects) + "\n");
            }

            using var repository = new Repository(options.Directory);
            SetOrigin(repository, OriginUrl(options.Remote));
            return created;
        }
        catch (LibGit2SharpException e)
        {
            throw new GitException(e.Message, e);
        }
    }

    private static void Checkout(GitCheckoutOptions options, bool fetch, CancellationToken cancellationToken)
    {
        try
        {
            using var repository = new Repository(options.Directory);
            if (fetch)
            {
                // The objects come from the local source; origin keeps the remote's URL, as a clone of it would.
                var specs = new List<string> { "+refs/heads/*:refs/remotes/origin/*" };
                specs.AddRange(options.RefSpecs);
                if (!options.NoTags)
                {
                    specs.Add("+refs/tags/*:refs/tags/*");
                }

                SetOrigin(repository, "file://" + Path.GetFullPath(options.Source));
                try
                {
                    Commands.Fetch(repository, "origin", specs, new FetchOptions { Prune = true, TagFetchMode = TagFetchMode.None, OnTransferProgress = _ => !cancellationToken.IsCancellationRequested }, null);
                }
                finally
                {
                    SetOrigin(repository, OriginUrl(options.Remote));
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            var commit = repository.Lookup<Commit>(options.Commit) ?? throw new GitException($"Commit {options.Commit} is not in {options.Remote.Url}");
            if (options.Clean)
            {
                Clean(repository, options.Directory);
            }

            var force = new CheckoutOptions { CheckoutModifiers = CheckoutModifiers.Force };
            Commands.Checkout(repository, commit, force);
            if (options.LocalBranch is { } name)
            {
                var branch = repository.Branches.Add(name, commit, allowOverwrite: true);
                Commands.Checkout(repository, branch, force);
            }
        }
        catch (LibGit2SharpException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new GitException(e.Message, e);
        }
    }

    /// <summary>The URL a clone of the remote would record: the one written, or an absolute path for a relative local one.</summary>
    private static string OriginUrl(GitRemote remote) =>
        remote.Transport == GitTransport.Local && !remote.Url.StartsWith("file://", StringComparison.OrdinalIgnoreCase) && !Path.IsPathRooted(remote.Url)
            ? remote.FetchUrl["file://".Length..]
            : remote.Url;

    private static void SetOrigin(Repository repository, string url)
    {
        if (repository.Network.Remotes["origin"] is null)
        {
            repository.Network.Remotes.Add("origin", url);
        }
        else
        {
            repository.Network.Remotes.Update("origin", r => r.Url = url);
        }
    }

    /// <summary><c>git clean -fdx</c>: every untracked and ignored file and folder goes (a link as a link, never what it leads to).</summary>
    private static void Clean(Repository repository, string directory)
    {
        var status = repository.RetrieveStatus(new StatusOptions { IncludeIgnored = true, IncludeUntracked = true, RecurseUntrackedDirs = false, RecurseIgnoredDirs = false });
        foreach (var entry in status.Untracked.Concat(status.Ignored))
        {
            var path = Path.Combine(directory, entry.FilePath.TrimEnd('/'));
            var info = new FileInfo(path);
            if (info.LinkTarget is not null || info.Exists)
            {
                info.Delete();
            }
            else if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
    }
}
