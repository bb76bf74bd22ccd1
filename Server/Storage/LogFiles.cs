using System.Text;

namespace ContainerCd.Server.Storage;

/// <summary>Reads a build's log file by byte range while it may still be growing.</summary>
internal static class LogFiles
{
    private const int MaxLineExtension = 256 * 1024;

    public static long Size(string logFile) => File.Exists(logFile) ? new FileInfo(logFile).Length : 0;

    /// <summary>The bytes [start, end) of the log (clamped to its size).</summary>
    public static byte[] ReadRange(string logFile, long start, long end)
    {
        using var file = Open(logFile);
        if (file is null)
        {
            return [];
        }

        var size = file.Length;
        start = Math.Clamp(start, 0, size);
        end = Math.Clamp(end, start, size);
        var buffer = new byte[end - start];
        var read = RandomAccess.Read(file.SafeFileHandle, buffer, start);
        return read == buffer.Length ? buffer : buffer[..read];
    }

    /// <summary>
    /// Copies the bytes [0, <paramref name="length"/>) of the log to <paramref name="destination"/>: a growing log is
    /// served as it was when its length was taken, so the response's Content-Length stays true.
    /// </summary>
    public static async Task CopyPrefixAsync(string logFile, long length, Stream destination, CancellationToken cancellationToken)
    {
        using var file = Open(logFile);
        if (file is null)
        {
            return;
        }

        var buffer = new byte[64 * 1024];
        for (long position = 0; position < length;)
        {
            var read = await RandomAccess.ReadAsync(file.SafeFileHandle, buffer.AsMemory(0, (int)Math.Min(buffer.Length, length - position)), position, cancellationToken)
                .ConfigureAwait(false);
            if (read <= 0)
            {
                return;
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            position += read;
        }
    }

    /// <summary>
    /// The whole lines that start in [start, end): the range moved forward to a line start and its end
    /// extended to the end of its last line, so the text never cuts a line (or a UTF-8 character) in two.
    /// </summary>
    public static (long Start, long End, byte[] Bytes) ReadLines(string logFile, long start, long end)
    {
        using var file = Open(logFile);
        if (file is null)
        {
            return (0, 0, []);
        }

        var size = file.Length;
        start = Math.Clamp(start, 0, size);
        end = Math.Clamp(end, start, size);
        if (start > 0)
        {
            start = NextLineStart(file, start, size);
        }

        if (end < size && end > 0)
        {
            end = NextLineStart(file, end, size);
        }

        end = Math.Max(start, end);
        var buffer = new byte[end - start];
        var read = RandomAccess.Read(file.SafeFileHandle, buffer, start);
        return (start, start + read, read == buffer.Length ? buffer : buffer[..read]);
    }

    /// <summary>Lines containing <paramref name="query"/> (ordinal, case-insensitive): byte offset of the line and its text, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<(long Offset, string Line)> Search(string logFile, string query, int max)
    {
        var hits = new List<(long, string)>();
        using var file = Open(logFile);
        if (file is null || query.Length == 0)
        {
            return hits;
        }

        using var reader = new StreamReader(file, Encoding.UTF8, false, 256 * 1024);
        long offset = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null && hits.Count < max)
        {
            if (line.Contains(query, StringComparison.OrdinalIgnoreCase))
            {
                hits.Add((offset, line));
            }

            offset += Encoding.UTF8.GetByteCount(line) + 1;
        }

        return hits;
    }

    private static long NextLineStart(FileStream file, long position, long size)
    {
        // The line containing byte position-1 ends at the first '\n' at or after position-1.
        var buffer = new byte[8192];
        var at = position - 1;
        while (at < size && at < position + MaxLineExtension)
        {
            var read = RandomAccess.Read(file.SafeFileHandle, buffer, at);
            if (read <= 0)
            {
                break;
            }

            var index = Array.IndexOf(buffer, (byte)'\n', 0, read);
            if (index >= 0)
            {
                return at + index + 1;
            }

            at += read;
        }

        return Math.Min(size, at);
    }

    private static FileStream? Open(string logFile) =>
        File.Exists(logFile) ? new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1) : null;
}
