using System.Buffers;
using System.Text;
using System.Text.Json;
using ContainerCd.Server.Hubs;
using ContainerCd.Server.Storage.Journal;

namespace ContainerCd.Server.Storage;

/// <summary>
/// A build's event journal: one JSON line per event, in sequence order, appended as events happen
/// (<c>{"t":"StageStarted","s":5,"e":{...payload...}}</c>). Log chunks are stored as references into
/// the log file (<c>{"t":"Log","s":6,"l":{"ts":...,"o":offset,"n":bytes,"st":stage,"sp":step}}</c>), so
/// their text exists once, in the log. The other events are the journal's own records (<see cref="JournalEntry"/>),
/// converted from and to the hub's payloads by <see cref="JournalMapping"/>: reading it back gives the same payloads
/// the hub sent live.
/// </summary>
internal static class EventJournal
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Serializes one journal line (with its newline) for <paramref name="dto"/>.</summary>
    public static void WriteLine(IBufferWriter<byte> output, BuildEventDto dto)
    {
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            if (dto is LogDto log)
            {
                writer.WriteString("t", "Log");
                writer.WriteNumber("s", dto.Sequence);
                // One journal line per chunk: the live path never coalesces before the journal.
                var segment = log.Segments.Count > 0 ? log.Segments[0] : new LogSegment(null, null, 0);
                writer.WriteStartObject("l");
                writer.WriteString("ts", log.Timestamp);
                writer.WriteNumber("o", log.Offset);
                writer.WriteNumber("n", log.Length);
                writer.WriteString("st", segment.StageId);
                writer.WriteString("sp", segment.StepId);
                writer.WriteEndObject();
            }
            else
            {
                var entry = JournalMapping.ToEntry(dto);
                writer.WriteString("t", JournalMapping.TypeName(entry));
                writer.WriteNumber("s", dto.Sequence);
                writer.WritePropertyName("e");
                JsonSerializer.Serialize(writer, entry, entry.GetType(), JsonOptions);
            }

            writer.WriteEndObject();
        }

        output.Write("\n"u8);
    }

    /// <summary>
    /// Reads the events of a build from <paramref name="fromSequence"/> on, in order, giving log chunks their
    /// text back from the log file. A last line still being written (no newline yet) is not returned.
    /// </summary>
    public static IEnumerable<BuildEventDto> Read(string journalFile, string logFile, string buildId, long fromSequence, long startPosition = 0)
    {
        if (!File.Exists(journalFile))
        {
            yield break;
        }

        using var journal = new FileStream(journalFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        using var log = File.Exists(logFile)
            ? new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024)
            : null;
        journal.Position = startPosition;
        foreach (var line in ReadCompleteLines(journal))
        {
            var dto = Parse(line, buildId, log, fromSequence);
            if (dto is not null)
            {
                yield return dto;
            }
        }
    }

    /// <summary>The last sequence number written to a journal (0 when empty), and the byte length of its complete lines.</summary>
    public static (long LastSequence, long CompleteLength) Tail(string journalFile)
    {
        if (!File.Exists(journalFile))
        {
            return (0, 0);
        }

        using var journal = new FileStream(journalFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        long last = 0;
        long complete = 0;
        foreach (var line in ReadCompleteLines(journal))
        {
            complete += line.Length + 1;
            using var document = JsonDocument.Parse(line);
            last = document.RootElement.GetProperty("s").GetInt64();
        }

        return (last, complete);
    }

    private static BuildEventDto? Parse(byte[] line, string buildId, FileStream? log, long fromSequence)
    {
        var reader = new Utf8JsonReader(line);
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        var sequence = root.GetProperty("s").GetInt64();
        if (sequence < fromSequence)
        {
            return null;
        }

        var type = root.GetProperty("t").GetString() ?? string.Empty;
        if (type == "Log")
        {
            var l = root.GetProperty("l");
            var offset = l.GetProperty("o").GetInt64();
            var length = l.GetProperty("n").GetInt64();
            var text = ReadText(log, offset, length);
            return new LogDto(
                buildId,
                sequence,
                sequence,
                l.GetProperty("ts").GetDateTimeOffset(),
                offset,
                length,
                text,
                [new LogSegment(OptionalString(l, "st"), OptionalString(l, "sp"), text.Length)]);
        }

        return JournalMapping.EntryType(type) is { } entryType && root.GetProperty("e").Deserialize(entryType, JsonOptions) is JournalEntry entry
            ? JournalMapping.ToDto(entry)
            : null;
    }

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string ReadText(FileStream? log, long offset, long length)
    {
        if (log is null || length == 0)
        {
            return string.Empty;
        }

        var buffer = ArrayPool<byte>.Shared.Rent((int)length);
        try
        {
            var read = RandomAccess.Read(log.SafeFileHandle, buffer.AsSpan(0, (int)length), offset);
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static IEnumerable<byte[]> ReadCompleteLines(Stream stream)
    {
        var pending = new List<byte>();
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                byte[] line;
                if (pending.Count > 0)
                {
                    pending.AddRange(buffer.AsSpan(start, i - start));
                    line = [.. pending];
                    pending.Clear();
                }
                else
                {
                    line = buffer.AsSpan(start, i - start).ToArray();
                }

                start = i + 1;
                if (line.Length > 0)
                {
                    yield return line;
                }
            }

            pending.AddRange(buffer.AsSpan(start, read - start));
        }
    }
}
