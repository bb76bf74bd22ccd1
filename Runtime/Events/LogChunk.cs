namespace ContainerCd.Runtime.Events;

/// <summary>
/// Text appended to the build's console log. Concatenating the <see cref="Text"/> of every chunk in
/// sequence order gives the whole console log, byte for byte (UTF-8). <see cref="Offset"/> is the
/// UTF-8 byte offset of this chunk in that log. The stage and step say where it came from (null for
/// lines outside any stage or step).
/// </summary>
public sealed record LogChunk(
    string BuildId,
    long Sequence,
    DateTimeOffset Timestamp,
    string? StageId,
    string? StepId,
    long Offset,
    string Text) : BuildEvent(BuildId, Sequence, Timestamp);
