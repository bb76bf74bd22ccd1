using ContainerCd.Runtime.Docker.Nodes;

namespace ContainerCd.Runtime.Tests.Nodes;

/// <summary>The node workspace listing's text (busybox's and GNU's stat print it alike) read into entries.</summary>
public sealed class NodeListingTests
{
    private const string End = "@@containercd-listing-end\n";

    [Fact]
    public void Parse_BusyboxListing_GivesEveryEntryWithKindSizeAndNanosecondTimes()
    {
        var text = """
            81a4 0 2026-12-06 05:55:01.112590811 +0000 2026-12-06 05:55:01.112590811 +0000 /ws@tmp/.containercd-listing
            a1ff 1 2026-12-06 05:55:00.884590811 +0000 2026-12-06 05:55:00.884590811 +0000 ./link
            41ed 4096 2026-12-06 05:55:00.888590811 +0000 2026-12-06 05:55:00.888590811 +0000 ./sub
            81ed 2 2026-12-06 05:55:00.888590811 +0000 2026-12-06 05:55:02.000000001 +0000 ./sub/with space
            11a4 0 2026-12-06 05:55:00.888590811 +0000 2026-12-06 05:55:00.888590811 +0000 ./fifo

            """ + End;

        var listing = NodeListing.Parse(text);

        Assert.NotNull(listing);
        Assert.Equal(Nanoseconds("2026-12-06T05:55:01Z", 112590811), listing.Marker);
        Assert.Equal(["fifo", "link", "sub", "sub/with space"], listing.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(new NodeEntry(NodeEntryKind.File, 0x1ed, 2, Nanoseconds("2026-12-06T05:55:00Z", 888590811), Nanoseconds("2026-12-06T05:55:02Z", 1)), listing.Entries["sub/with space"]);
        Assert.Equal(NodeEntryKind.Link, listing.Entries["link"].Kind);
        Assert.Equal(NodeEntryKind.Directory, listing.Entries["sub"].Kind);
        Assert.Equal(NodeEntryKind.Other, listing.Entries["fifo"].Kind);
    }

    [Fact]
    public void Parse_TheWorkspaceItselfAndTheMarkerHeadingEachBatchOfStat_AreNoEntries()
    {
        // find . lists the workspace itself as "."; stat lists the marker first in each batch find gives it
        const string marker = "81a4 0 2026-12-06 05:55:01.112590811 +0000 2026-12-06 05:55:01.112590811 +0000 /ws@tmp/.containercd-listing\n";
        var text = marker
            + "41ed 4096 2026-12-06 05:55:00.1 +0000 2026-12-06 05:55:00.1 +0000 .\n"
            + "81a4 2 2026-12-06 05:55:00.2 +0000 2026-12-06 05:55:00.2 +0000 ./a\n"
            + marker
            + "81a4 3 2026-12-06 05:55:00.3 +0000 2026-12-06 05:55:00.3 +0000 ./b\n"
            + End;

        var listing = NodeListing.Parse(text);

        Assert.NotNull(listing);
        Assert.Equal(["a", "b"], listing.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Nanoseconds("2026-12-06T05:55:01Z", 112590811), listing.Marker);
    }

    [Fact]
    public void Parse_TimesInAnotherZone_AreTheSameInstants()
    {
        var utc = NodeListing.Parse("81a4 3 2026-12-06 05:55:00.5 +0000 2026-12-06 05:55:00.5 +0000 /m\n81a4 3 2026-03-01 23:30:00.000000000 -0130 2026-03-02 01:00:00 +0000 ./a\n" + End);
        var paris = NodeListing.Parse("81a4 3 2026-12-06 06:55:00.5 +0100 2026-12-06 06:55:00.5 +0100 /m\n81a4 3 2026-03-02 02:00:00.000000000 +0100 2026-03-02 02:00:00 +0100 ./a\n" + End);

        Assert.NotNull(utc);
        Assert.NotNull(paris);
        Assert.Equal(utc.Marker, paris.Marker);
        Assert.Equal(utc.Entries["a"], paris.Entries["a"]);
        Assert.Equal(utc.Entries["a"].Modified, utc.Entries["a"].Changed);
    }

    public static TheoryData<string> NotListings => new()
    {
        "",
        End,
        "81a4 0 2026-12-06 05:55:01.1 +0000 2026-12-06 05:55:01.1 +0000 /m\n",
        "81a4 0 2026-12-06 05:55:01.1 +0000 2026-12-06 05:55:01.1 +0000 /m\n./a name\nwith a line break\n" + End,
        "81a4 0 2026-12-06 05:55:01.1 +0000 2026-12-06 05:55:01.1 +0000 /m\n81a4 0 2026-12-06 05:55:01.1 +0000 2026-12-06 05:55:01.1 +0000 ./a/../b\n" + End,
        "81a4 0 2026-12-06 05:55:01.1 +0000 2026-12-06 05:55:01.1 +0000 /m\n81a4 0 2026-12-06 05:55:01.1 UTC 2026-12-06 05:55:01.1 +0000 ./a\n" + End,
        "81a4 0 2026-12-06 05:55:01.1 +0000 2026-12-06 05:55:01.1 +0000 /m\n81a4 -1 2026-12-06 05:55:01.1 +0000 2026-12-06 05:55:01.1 +0000 ./a\n" + End,
        "81a4 0 2026-12-06 05:55:01.1 +0000 2026-12-06 05:55:01.1 +0000 /m\n81a4 0 2026-12-06 05:55:01.1 +0000 2026-12-06 05:55:01.1 +0000 /abs\n" + End,
    };

    [Theory]
    [MemberData(nameof(NotListings))]
    public void Parse_TextThatIsNotACompleteListing_IsNull(string text) => Assert.Null(NodeListing.Parse(text));

    private static long Nanoseconds(string instant, long fraction) =>
        (DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds() * 1_000_000_000) + fraction;
}
