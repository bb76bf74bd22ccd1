using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Scm;

namespace ContainerCd.Runtime.History;

/// <summary>
/// A finished build as later builds see it; with the commits it checked out (<see cref="Revisions"/>) and the
/// changes since the previous build it built (<see cref="Changes"/>, oldest first), for the history to keep.
/// </summary>
public sealed record BuildSummary(
    string Job,
    int Number,
    BuildResult Result,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    string? DisplayName = null,
    string? Description = null,
    IReadOnlyList<ScmRevision>? Revisions = null,
    IReadOnlyList<GitCommitInfo>? Changes = null);
