using System.Globalization;
using System.Text;

namespace ContainerCd.Runtime.Pipeline;

/// <summary>
/// The Timestamper plugin's prefix in a Pipeline's console text: <c>[2024-05-27T09:29:38.547Z] </c> (UTC,
/// milliseconds) before each line of step output. <c>[Pipeline]</c> lines are not stamped.
/// </summary>
internal static class TimestampedLines
{
    /// <summary>Prefixes each line of <paramref name="lines"/> (whole lines, the last one ending with a newline).</summary>
    public static string Stamp(string lines, DateTimeOffset now)
    {
        var prefix = "[" + now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) + "] ";
        var stamped = new StringBuilder(lines.Length + prefix.Length);
        var start = 0;
        while (start < lines.Length)
        {
            var end = lines.IndexOf('\n', start);
            end = end < 0 ? lines.Length : end + 1;
            stamped.Append(prefix).Append(lines, start, end - start);
            start = end;
        }

        return stamped.ToString();
    }
}
