using System.Text;

namespace ContainerCd.Runtime.Events;

/// <summary>
/// The masked console log of one build in a temporary file (deleted when disposed), so that what emailext's
/// <c>attachLog</c> needs at the build's end does not keep a second copy of a large log in memory.
/// </summary>
internal sealed class LogSpillFile : IDisposable
{
    private FileStream? _file;

    /// <summary>Bytes written so far.</summary>
    public long Length { get; private set; }

    public void Append(string text)
    {
        _file ??= new FileStream(
            Path.Combine(Path.GetTempPath(), "containercd-log-" + Guid.NewGuid().ToString("N") + ".txt"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        var bytes = Encoding.UTF8.GetBytes(text);
        _file.Write(bytes);
        Length += bytes.Length;
    }

    /// <summary>The last <paramref name="limit"/> bytes (moved forward to a whole UTF-8 character), and how many bytes came before them.</summary>
    public (string Text, long Omitted) Tail(int limit)
    {
        if (_file is null)
        {
            return (string.Empty, 0);
        }

        _file.Flush();
        var start = Math.Max(0, Length - limit);
        var buffer = new byte[Length - start];
        var read = RandomAccess.Read(_file.SafeFileHandle, buffer, start);
        var skip = 0;
        while (start > 0 && skip < read && (buffer[skip] & 0xC0) == 0x80)
        {
            skip++;
        }

        return (Encoding.UTF8.GetString(buffer, skip, read - skip), start + skip);
    }

    public void Dispose() => _file?.Dispose();
}
