using System.Collections.Immutable;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Events;

/// <summary>
/// A stage ended (or was skipped: then <see cref="SkipReason"/> says why, e.g. "when conditional",
/// "earlier failure", "unstable", and the stage may have no <see cref="StageStarted"/>).
/// </summary>
public sealed record StageFinished(
    string BuildId,
    long Sequence,
    DateTimeOffset Timestamp,
    string StageId,
    string? ParentId,
    ImmutableArray<string> Path,
    StageKind Kind,
    BuildResult Result,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    string? SkipReason) : BuildEvent(BuildId, Sequence, Timestamp)
{
    public string Name => Path.IsEmpty ? string.Empty : Path[^1];

    public bool Skipped => SkipReason is not null;
}
