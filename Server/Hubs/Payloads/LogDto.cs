namespace ContainerCd.Server.Hubs;

/// <summary>
/// Console text. <see cref="Offset"/> is the UTF-8 byte offset of <see cref="Text"/> in the console log
/// and <see cref="Length"/> its UTF-8 length, so the texts of all messages concatenated are the log, byte
/// for byte. Consecutive chunks are coalesced into one message: <see cref="Segments"/> says which stage
/// and step wrote each part (lengths in UTF-16 code units of <see cref="Text"/>, summing to its length).
/// </summary>
public sealed record LogDto(
    string BuildId, long Sequence, long LastSequence, DateTimeOffset Timestamp, long Offset, long Length, string Text, IReadOnlyList<LogSegment> Segments)
    : BuildEventDto(BuildId, Sequence, Timestamp);
