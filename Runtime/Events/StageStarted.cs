using System.Collections.Immutable;

namespace ContainerCd.Runtime.Events;

/// <summary>
/// A stage began. <see cref="StageId"/> is unique within the build (stable across runs of the same
/// pipeline: derived from the path); <see cref="Path"/> holds the names from the top-level stage
/// down to this one; <see cref="ParentId"/> is null for top-level stages. <see cref="Kind"/> says
/// whether it is a plain stage, a parallel branch or a matrix cell; synthetic stages ("Declarative:
/// Post Actions", "Declarative: Checkout SCM") are <see cref="StageKind.Synthetic"/>.
/// </summary>
public sealed record StageStarted(
    string BuildId,
    long Sequence,
    DateTimeOffset Timestamp,
    string StageId,
    string? ParentId,
    ImmutableArray<string> Path,
    StageKind Kind) : BuildEvent(BuildId, Sequence, Timestamp)
{
    public string Name => Path.IsEmpty ? string.Empty : Path[^1];
}
