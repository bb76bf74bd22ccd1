using ContainerCd.Runtime.History;
using ContainerCd.Runtime.Scm;

namespace ContainerCd.Runtime.Pipeline.Scm;

/// <summary>The changes one checkout found since the previous build of its branch, as Jenkins' ChangeLogSet (kind <c>git</c>, items oldest first).</summary>
public sealed record ChangeLogSet(string Kind, IReadOnlyList<GitCommitInfo> Items);

/// <summary>
/// What a build checked out: the commits (<see cref="ScmRevision"/>, one per repository and branch) and the
/// changelog of each checkout (<c>currentBuild.changeSets</c>, <c>when { changeset / changelog }</c>). Checkouts
/// may run in parallel branches, so it is locked.
/// </summary>
public sealed class BuildScm
{
    private readonly Lock _lock = new();
    private readonly List<ScmRevision> _revisions = [];
    private readonly List<ChangeLogSet> _changeSets = [];

    public IReadOnlyList<ScmRevision> Revisions
    {
        get
        {
            lock (_lock)
            {
                return [.. _revisions];
            }
        }
    }

    public IReadOnlyList<ChangeLogSet> ChangeSets
    {
        get
        {
            lock (_lock)
            {
                return [.. _changeSets];
            }
        }
    }

    /// <summary>Every commit of every changelog once, in the order they were found.</summary>
    public IReadOnlyList<GitCommitInfo> Commits => [.. ChangeSets.SelectMany(s => s.Items).DistinctBy(c => c.Commit)];

    /// <summary>Records a checkout: its revision (the last one per repository and branch counts) and its changes, when computed.</summary>
    public void Record(ScmRevision revision, IReadOnlyList<GitCommitInfo>? changes)
    {
        ArgumentNullException.ThrowIfNull(revision);
        lock (_lock)
        {
            _revisions.RemoveAll(r => r.Url == revision.Url && r.Branch == revision.Branch);
            _revisions.Add(revision);
            if (changes is { Count: > 0 })
            {
                _changeSets.Add(new ChangeLogSet("git", changes));
            }
        }
    }
}
