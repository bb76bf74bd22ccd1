using System.Text;
using ContainerCd.Server.Hubs;

namespace ContainerCd.Server.Live;

/// <summary>
/// Merges consecutive log payloads into messages of at most <see cref="MaxMessageBytes"/> of UTF-8 text
/// (a single larger chunk goes alone), keeping which stage and step wrote each part.
/// </summary>
internal static class LogCoalescer
{
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>Groups <paramref name="items"/> into the messages to send, in order.</summary>
    public static IEnumerable<BuildEventDto> Coalesce(IReadOnlyList<BuildEventDto> items)
    {
        var i = 0;
        while (i < items.Count)
        {
            if (items[i] is not LogDto first)
            {
                yield return items[i++];
                continue;
            }

            var end = i + 1;
            var bytes = first.Length;
            while (end < items.Count && items[end] is LogDto next && bytes + next.Length <= MaxMessageBytes)
            {
                bytes += next.Length;
                end++;
            }

            yield return end == i + 1 ? first : Merge(items, i, end, bytes);
            i = end;
        }
    }

    /// <summary>The UTF-8 bytes of log text at the start of <paramref name="items"/> (before any other event).</summary>
    public static long LeadingLogBytes(IReadOnlyList<BuildEventDto> items)
    {
        long bytes = 0;
        foreach (var item in items)
        {
            if (item is not LogDto log)
            {
                break;
            }

            bytes += log.Length;
        }

        return bytes;
    }

    private static LogDto Merge(IReadOnlyList<BuildEventDto> items, int start, int end, long bytes)
    {
        var text = new StringBuilder();
        var segments = new List<LogSegment>();
        for (var i = start; i < end; i++)
        {
            var log = (LogDto)items[i];
            text.Append(log.Text);
            foreach (var segment in log.Segments)
            {
                if (segments.Count > 0 && segments[^1].StageId == segment.StageId && segments[^1].StepId == segment.StepId)
                {
                    segments[^1] = segments[^1] with { Length = segments[^1].Length + segment.Length };
                }
                else
                {
                    segments.Add(segment);
                }
            }
        }

        var firstLog = (LogDto)items[start];
        var lastLog = (LogDto)items[end - 1];
        return new LogDto(firstLog.BuildId, firstLog.Sequence, lastLog.LastSequence, lastLog.Timestamp, firstLog.Offset, bytes, text.ToString(), segments);
    }
}
