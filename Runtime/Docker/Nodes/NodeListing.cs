using System.Globalization;
using ContainerCd.Runtime.Docker.Shell;

namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>What a path on the node is: a file, a folder, a symbolic link, or something a mirror leaves alone (fifo, socket, device).</summary>
internal enum NodeEntryKind
{
    File,
    Directory,
    Link,
    Other,
}

/// <summary>One path of the node's workspace as <c>stat</c> saw it: kind, permission bits, size, and modification and change times in nanoseconds since 1970.</summary>
internal readonly record struct NodeEntry(NodeEntryKind Kind, int Permissions, long Size, long Modified, long Changed);

/// <summary>
/// The node's workspace as one command in its container lists it (<see cref="Script"/>: <c>find</c> and <c>stat</c>, in
/// busybox and GNU alike): every path under the workspace with its <see cref="NodeEntry"/>, and <see cref="Marker"/>, the
/// change time of a file touched just before the listing began. A path changed after the listing gets a change time at
/// or after the marker; so an entry whose change time was before the marker and is the same in a later listing did not
/// change in between (the "racy" entries, changed in the marker's own clock tick, are taken as changed).
/// </summary>
internal sealed class NodeListing
{
    /// <summary>The listing's exit code when the container lacks find or stat: the mirror then moves whole workspaces.</summary>
    public const int ToolsMissing = 90;

    private const string EndLine = "@@containercd-listing-end";
    private const string Format = "'%f %s %y %z %n'";

    private NodeListing(Dictionary<string, NodeEntry> entries, long marker)
    {
        Entries = entries;
        Marker = marker;
    }

    public IReadOnlyDictionary<string, NodeEntry> Entries { get; }

    /// <summary>The change time (ns) of the marker touched as the listing began.</summary>
    public long Marker { get; }

    /// <summary>
    /// The shell text that lists the workspace (run in it); the marker is a file in <paramref name="scratch"/>, a folder on the
    /// node's disk beside the workspace (WORKSPACE@tmp), touched first and then listed by the same <c>stat</c> as the
    /// entries (first in each of its batches). Times are printed in UTC (TZ=UTC0: stat then needs no look at the zone
    /// file for each of them, a third of its time with busybox). Any error (a path vanishing under a parallel step, an unreadable
    /// folder) fails it: the mirror then takes the whole workspace rather than trust a partial listing.
    /// </summary>
    public static string Script(string scratch)
    {
        var marker = ShellQuote.Quote(scratch + "/.containercd-listing");
        return $"""
            command -v find >/dev/null && command -v stat >/dev/null || exit {ToolsMissing}
            : > {marker} || exit 1
            TZ=UTC0 find . -exec stat -c {Format} {marker} {"{}"} + 2>{marker}.err || exit 1
            test ! -s {marker}.err || exit 1
            echo {EndLine}
            """;
    }

    /// <summary>The listing the script printed; null when its text is not one (cut short, or a file name with a line break in it).</summary>
    public static NodeListing? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        var count = lines.Length;
        while (count > 0 && lines[count - 1].Length == 0)
        {
            count--;
        }

        if (count < 2 || lines[count - 1] != EndLine || !TryEntry(lines[0], out var marker, out var markerName))
        {
            return null;
        }

        var entries = new Dictionary<string, NodeEntry>(count, StringComparer.Ordinal);
        for (var i = 1; i < count - 1; i++)
        {
            if (!TryEntry(lines[i], out var entry, out var name) || (!name.StartsWith("./", StringComparison.Ordinal) && name != "." && name != markerName))
            {
                return null;
            }

            if (name == "." || name == markerName)
            {
                // The workspace itself, and the marker again at the head of a later batch of stat.
                continue;
            }

            var relative = name[2..];
            if (relative.Length == 0 || relative.Split('/').Any(part => part is "" or "." or ".."))
            {
                return null;
            }

            entries[relative] = entry;
        }

        return new NodeListing(entries, marker.Changed);
    }

    /// <summary>One line: <c>MODE-HEX SIZE YYYY-MM-DD HH:MM:SS.NNNNNNNNN +ZZZZ (modified) ... (changed) NAME</c>.</summary>
    private static bool TryEntry(string line, out NodeEntry entry, out string name)
    {
        entry = default;
        name = "";
        var fields = line.Split(' ', 9);
        if (fields.Length != 9
            || !uint.TryParse(fields[0], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var mode)
            || !long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
            || !TryTime(fields[2], fields[3], fields[4], out var modified)
            || !TryTime(fields[5], fields[6], fields[7], out var changed))
        {
            return false;
        }

        var kind = (mode & 0xF000) switch
        {
            0x8000 => NodeEntryKind.File,
            0x4000 => NodeEntryKind.Directory,
            0xA000 => NodeEntryKind.Link,
            _ => NodeEntryKind.Other,
        };
        entry = new NodeEntry(kind, (int)(mode & 0xFFF), size, modified, changed);
        name = fields[8];
        return true;
    }

    /// <summary>stat's <c>%y</c>/<c>%z</c>: local date and time with nanoseconds and the zone's offset, as nanoseconds since 1970 (UTC).</summary>
    private static bool TryTime(string date, string time, string zone, out long nanoseconds)
    {
        nanoseconds = 0;
        var dot = time.IndexOf('.', StringComparison.Ordinal);
        var fraction = dot < 0 ? "" : time[(dot + 1)..];
        if (fraction.Length > 9 || !fraction.All(char.IsAsciiDigit)
            || !DateTime.TryParseExact($"{date} {(dot < 0 ? time : time[..dot])}", "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var local)
            || zone.Length != 5 || zone[0] is not ('+' or '-')
            || !int.TryParse(zone.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(zone.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
        {
            return false;
        }

        var offsetSeconds = (zone[0] == '-' ? -1 : 1) * ((hours * 3600) + (minutes * 60));
        var seconds = new DateTimeOffset(local, TimeSpan.Zero).ToUnixTimeSeconds() - offsetSeconds;
        nanoseconds = (seconds * 1_000_000_000) + (fraction.Length == 0 ? 0 : long.Parse(fraction.PadRight(9, '0'), CultureInfo.InvariantCulture));
        return true;
    }
}
