using System.Collections.Immutable;
using System.Text.RegularExpressions;
using LibGit2Sharp;

namespace ContainerCd.Runtime.Scm;

/// <summary>
/// Reads a repository with libgit2 (a mirror under the home, or a project's own repository): its branches and
/// tags with their commits, a revision resolved as Jenkins' branch specifiers are, a file at a commit, a
/// commit, and the commits between two commits with the paths they changed. Each call opens the repository
/// for its own use, so readers on several threads (or beside a fetch into the mirror) are safe.
/// </summary>
public sealed partial class GitReader
{
    public GitReader(string repositoryPath)
    {
        RepositoryPath = repositoryPath;
    }

    public string RepositoryPath { get; }

    /// <summary>Branches (<c>refs/heads/</c>), tags (their commit) and other refs under <c>refs/</c> (not remote-tracking ones), in name order.</summary>
    public IReadOnlyList<GitRef> ListRefs() => Read(repository => (IReadOnlyList<GitRef>)[.. repository.Refs
        .Where(r => r.CanonicalName.StartsWith("refs/", StringComparison.Ordinal) && !r.CanonicalName.StartsWith("refs/remotes/", StringComparison.Ordinal))
        .Select(r => ToRef(repository, r))
        .OfType<GitRef>()
        .OrderBy(r => r.CanonicalName, StringComparer.Ordinal)]);

    /// <summary>The branch HEAD names (for a mirror: the remote's default branch), or null when HEAD is detached or unborn.</summary>
    public string? DefaultBranch => Read(repository =>
        repository.Refs.Head is SymbolicReference { TargetIdentifier: { } target } && target.StartsWith("refs/heads/", StringComparison.Ordinal) && repository.Refs[target] is not null
            ? target["refs/heads/".Length..]
            : null);

    /// <summary>
    /// Resolves a revision as Jenkins' git plugin reads a branch specifier: <c>main</c>, <c>*/main</c>,
    /// <c>origin/main</c>, <c>refs/heads/main</c>, a tag (<c>v1.0</c>, <c>refs/tags/v1.0</c>), a commit id (full or
    /// abbreviated), or a pattern with <c>*</c>/<c>**</c> that matches exactly one branch. Null when nothing matches;
    /// a pattern matching several branches is refused with their names.
    /// </summary>
    public GitResolution? Resolve(string revision)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var spec = revision.Trim();
        if (spec.Length == 0)
        {
            return null;
        }

        var refs = ListRefs();
        if (spec.Contains('*', StringComparison.Ordinal))
        {
            var pattern = Glob(spec);
            var matches = refs.Where(r => r.Kind == GitRefKind.Branch && (pattern.IsMatch(r.Name) || pattern.IsMatch("origin/" + r.Name) || pattern.IsMatch(r.CanonicalName))).ToList();
            return matches.Count switch
            {
                0 => null,
                1 => new GitResolution(matches[0].Commit, matches[0]),
                _ => throw new GitException($"The branch specifier '{revision}' matches several branches ({string.Join(", ", matches.Select(m => m.Name))}): name one"),
            };
        }

        var name = spec.StartsWith("origin/", StringComparison.Ordinal) ? spec["origin/".Length..] : spec;
        var found = refs.FirstOrDefault(r => r.CanonicalName == spec)
            ?? refs.FirstOrDefault(r => r.Kind == GitRefKind.Branch && r.Name == name)
            ?? refs.FirstOrDefault(r => r.Kind == GitRefKind.Tag && r.Name == spec);
        if (found is not null)
        {
            return new GitResolution(found.Commit, found);
        }

        if (CommitId().IsMatch(spec))
        {
            return Read(repository => repository.Lookup<Commit>(spec) is { } commit ? new GitResolution(commit.Sha, null) : null);
        }

        return null;
    }

    /// <summary>The text of a file at a commit (UTF-8), or null when the commit has no file at that path.</summary>
    public string? ReadFile(string commit, string path) => Read(repository =>
    {
        var found = repository.Lookup<Commit>(commit) ?? throw new GitException($"Commit {commit} is not in {RepositoryPath}");
        return found[path.Replace('\\', '/').TrimStart('/')]?.Target is Blob blob ? blob.GetContentText() : null;
    });

    /// <summary>One commit, or null when the repository does not hold it.</summary>
    public GitCommitInfo? GetCommit(string commit) => Read(repository => repository.Lookup<Commit>(commit) is { } found ? Describe(repository, found) : null);

    /// <summary>
    /// The commits reachable from <paramref name="to"/> and not from <paramref name="from"/>, oldest first, without
    /// merges (Jenkins' changelog, <c>git log --no-merges from..to</c>), each with the paths it changed against its
    /// first parent (renames as an edit of the new path). Null when <paramref name="from"/> is not in the repository
    /// (history rewritten since), so the changes cannot be told.
    /// </summary>
    public IReadOnlyList<GitCommitInfo>? CommitsBetween(string from, string to) => Read(repository =>
    {
        var target = repository.Lookup<Commit>(to) ?? throw new GitException($"Commit {to} is not in {RepositoryPath}");
        if (repository.Lookup<Commit>(from) is not { } start)
        {
            return null;
        }

        var commits = repository.Commits.QueryBy(new CommitFilter
        {
            IncludeReachableFrom = target,
            ExcludeReachableFrom = start,
            SortBy = CommitSortStrategies.Topological | CommitSortStrategies.Reverse,
        });
        return (IReadOnlyList<GitCommitInfo>?)[.. commits.Where(c => c.Parents.Count() <= 1).Select(c => Describe(repository, c))];
    });

    private T Read<T>(Func<Repository, T> read)
    {
        try
        {
            using var repository = new Repository(RepositoryPath);
            return read(repository);
        }
        catch (LibGit2SharpException e)
        {
            throw new GitException($"Cannot read the git repository {RepositoryPath}: {e.Message}", e);
        }
    }

    private static GitRef? ToRef(Repository repository, Reference reference)
    {
        var name = reference.CanonicalName;
        var commit = reference.ResolveToDirectReference()?.Target switch
        {
            Commit c => c.Sha,
            TagAnnotation annotation => annotation.Target.Peel<Commit>()?.Sha,
            _ => null,
        };
        if (commit is null)
        {
            return null;
        }

        return name.StartsWith("refs/heads/", StringComparison.Ordinal) ? new GitRef(name, name["refs/heads/".Length..], GitRefKind.Branch, commit)
            : name.StartsWith("refs/tags/", StringComparison.Ordinal) ? new GitRef(name, name["refs/tags/".Length..], GitRefKind.Tag, commit)
            : GitChangeRequests.NameOf(name) is { } change ? new GitRef(name, change, GitRefKind.ChangeRequest, commit)
            : new GitRef(name, name["refs/".Length..], GitRefKind.Other, commit);
    }

    private static GitCommitInfo Describe(Repository repository, Commit commit)
    {
        var parent = commit.Parents.FirstOrDefault();
        var changes = repository.Diff.Compare<TreeChanges>(parent?.Tree, commit.Tree, new CompareOptions { Similarity = SimilarityOptions.Renames });
        var paths = changes
            .Select(c => c.Status switch
            {
                ChangeKind.Added or ChangeKind.Copied => new GitChangedPath(c.Path, GitEditType.Add),
                ChangeKind.Deleted => new GitChangedPath(c.OldPath, GitEditType.Delete),
                _ => new GitChangedPath(c.Path, GitEditType.Edit),
            })
            .ToImmutableArray();
        return new GitCommitInfo(
            commit.Sha, commit.Author.Name, commit.Author.Email, commit.Author.When,
            commit.Committer.Name, commit.Committer.Email, commit.Committer.When,
            commit.Message.TrimEnd('\n'), paths);
    }

    private static Regex Glob(string pattern)
    {
        var regex = Regex.Escape(pattern).Replace(@"\*\*", "\u0001", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal).Replace("\u0001", ".*", StringComparison.Ordinal);
        return new Regex("^" + regex + "$", RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    [GeneratedRegex("^[0-9a-fA-F]{7,40}$")]
    private static partial Regex CommitId();
}

/// <summary>A resolved revision: the commit, and the branch or tag it came from (null for a commit id).</summary>
public sealed record GitResolution(string Commit, GitRef? Ref);
