using System.Collections.Immutable;
using LibGit2Sharp;
using LibGit2Sharp.Handlers;

namespace ContainerCd.Runtime.Scm;

/// <summary>
/// Bare mirrors of remote repositories under <c>HOME/git/</c>, one per remote (named by its normalised URL), so a
/// repository is cloned once and every later build fetches only what is new. A fetch holds the mirror's lock
/// (<see cref="GitMirrorLock"/>), so concurrent builds of any process on the same home are safe; it mirrors the
/// remote's branches and tags (deleted ones are pruned) and remembers its default branch as the mirror's HEAD.
/// Local and HTTP(S) remotes are fetched with libgit2; SSH remotes with the git command line.
/// </summary>
public sealed class GitMirrors
{
    /// <summary>What a mirror fetches: every branch and tag, kept under the same names.</summary>
    public static readonly ImmutableArray<string> DefaultRefSpecs = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"];

    private readonly string _home;

    public GitMirrors(string home)
    {
        _home = Path.GetFullPath(home);
    }

    public string Root => Path.Combine(_home, "git");

    public string PathOf(GitRemote remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        return Path.Combine(Root, remote.MirrorName);
    }

    /// <summary>The mirror of a remote as it is now (no fetch), or null when it was never fetched.</summary>
    public GitReader? Open(GitRemote remote) => Repository.IsValid(PathOf(remote)) ? new GitReader(PathOf(remote)) : null;

    /// <summary>
    /// Brings the remote's mirror up to date (creating it on first use) and returns a reader of it. A remote that
    /// cannot be read fails with git's reason, e.g. <c>failed to resolve path '/srv/x.git': No such file or directory</c>.
    /// <paramref name="refSpecs"/> adds to <see cref="DefaultRefSpecs"/> (pull requests: <c>+refs/pull/*/head:refs/pull/*/head</c>).
    /// </summary>
    public async Task<GitReader> FetchAsync(GitRemote remote, GitCredential? credential, IReadOnlyList<string>? refSpecs = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var path = PathOf(remote);
        var specs = DefaultRefSpecs.AddRange(refSpecs ?? []);
        using (await GitMirrorLock.AcquireAsync(_home, remote.MirrorName, cancellationToken).ConfigureAwait(false))
        {
            if (remote.Transport == GitTransport.Ssh)
            {
                await GitSsh.FetchAsync(path, remote, credential, specs, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await Task.Run(() => FetchWithLibgit2(path, remote, credential, specs, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
        }

        return new GitReader(path);
    }

    /// <summary>The credentials callback libgit2 asks when a server wants them: a usernamePassword credential, or none.</summary>
    internal static CredentialsHandler? CredentialsFor(GitRemote remote, GitCredential? credential)
    {
        if (credential is null)
        {
            return null;
        }

        if (credential.IsSshKey)
        {
            throw new GitException($"The credential '{credential.Id}' is an SSH key, which cannot sign in to {remote.Url}: use a usernamePassword credential for http(s) remotes");
        }

        return (_, _, _) => new UsernamePasswordCredentials { Username = credential.Username ?? string.Empty, Password = credential.Password ?? string.Empty };
    }

    /// <summary>Makes <paramref name="path"/> a bare repository when it is not one (a half-made mirror is made again).</summary>
    internal static void EnsureBare(string path)
    {
        if (Repository.IsValid(path))
        {
            return;
        }

        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Repository.Init(path, isBare: true);
    }

    private static void FetchWithLibgit2(string path, GitRemote remote, GitCredential? credential, ImmutableArray<string> specs, CancellationToken cancellationToken)
    {
        var credentials = CredentialsFor(remote, credential);
        try
        {
            EnsureBare(path);
            using var repository = new Repository(path);
            if (repository.Network.Remotes["origin"] is null)
            {
                repository.Network.Remotes.Add("origin", remote.FetchUrl);
            }
            else
            {
                repository.Network.Remotes.Update("origin", r => r.Url = remote.FetchUrl);
            }

            var options = new FetchOptions
            {
                Prune = true,
                TagFetchMode = TagFetchMode.None,
                CredentialsProvider = credentials,
                OnTransferProgress = _ => !cancellationToken.IsCancellationRequested,
            };
            Commands.Fetch(repository, "origin", specs, options, "containercd: mirror fetch");
            cancellationToken.ThrowIfCancellationRequested();
            RememberDefaultBranch(repository, remote, credentials);
        }
        catch (LibGit2SharpException e) when (!cancellationToken.IsCancellationRequested)
        {
            // libgit2 says this when the server refused every credential offered (git: "Authentication failed for ...").
            throw new GitException(e.Message.Contains("authentication replays", StringComparison.Ordinal)
                ? $"Authentication failed for '{remote.Url}'{(credential is null ? " (no credentials given)" : $" with the credential '{credential.Id}'")}: {e.Message}"
                : e.Message, e);
        }
    }

    /// <summary>Points the mirror's HEAD at the remote's default branch: a local repository's HEAD, or what a server advertises.</summary>
    private static void RememberDefaultBranch(Repository repository, GitRemote remote, CredentialsHandler? credentials)
    {
        string? target;
        if (remote.Transport == GitTransport.Local)
        {
            using var local = new Repository(remote.FetchUrl["file://".Length..]);
            target = (local.Refs.Head as SymbolicReference)?.TargetIdentifier;
        }
        else
        {
            var origin = repository.Network.Remotes["origin"];
            target = (credentials is null ? repository.Network.ListReferences(origin) : repository.Network.ListReferences(origin, credentials))
                .OfType<SymbolicReference>()
                .FirstOrDefault(r => r.CanonicalName == "HEAD")?.TargetIdentifier;
        }

        if (target is not null && repository.Refs[target] is not null)
        {
            repository.Refs.UpdateTarget(repository.Refs.Head, repository.Refs[target], "containercd: remote HEAD");
        }
    }
}
