namespace ContainerCd.Runtime.Docker.Shell;

/// <summary>
/// Finds an end marker in a byte stream that arrives in arbitrary chunks. Bytes before the marker are
/// payload and are released as soon as they cannot be the start of the marker; after the marker, bytes
/// up to the next newline are the trailer (the exit code on stdout).
/// </summary>
internal sealed class MarkerScanner(byte[] marker)
{
    private readonly List<byte> _held = [];
    private readonly List<byte> _trailer = [];

    public bool Found { get; private set; }

    /// <summary>True once the marker and its trailer line have been read completely.</summary>
    public bool Complete { get; private set; }

    public string Trailer => System.Text.Encoding.ASCII.GetString([.. _trailer]);

    /// <summary>Feeds a chunk; returns the payload bytes it releases (possibly none).</summary>
    public ReadOnlySpan<byte> Feed(ReadOnlySpan<byte> chunk)
    {
        if (Complete)
        {
            return [];
        }

        if (Found)
        {
            ReadTrailer(chunk);
            return [];
        }

        byte[] data;
        if (_held.Count == 0)
        {
            data = chunk.ToArray();
        }
        else
        {
            _held.AddRange(chunk);
            data = [.. _held];
            _held.Clear();
        }

        var at = data.AsSpan().IndexOf(marker);
        if (at >= 0)
        {
            Found = true;
            ReadTrailer(data.AsSpan(at + marker.Length));
            return data.AsSpan(0, at);
        }

        var keep = LongestSuffixThatPrefixesMarker(data);
        _held.AddRange(data.AsSpan(data.Length - keep));
        return data.AsSpan(0, data.Length - keep);
    }

    private void ReadTrailer(ReadOnlySpan<byte> rest)
    {
        var newline = rest.IndexOf((byte)'\n');
        if (newline < 0)
        {
            _trailer.AddRange(rest);
            return;
        }

        _trailer.AddRange(rest[..newline]);
        Complete = true;
    }

    private int LongestSuffixThatPrefixesMarker(byte[] data)
    {
        for (var keep = Math.Min(marker.Length - 1, data.Length); keep > 0; keep--)
        {
            if (data.AsSpan(data.Length - keep).SequenceEqual(marker.AsSpan(0, keep)))
            {
                return keep;
            }
        }

        return 0;
    }
}
