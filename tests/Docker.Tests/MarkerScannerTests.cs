using System.Text;
using ContainerCd.Runtime.Docker.Shell;

namespace ContainerCd.Docker.Tests;

public sealed class MarkerScannerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(1000)]
    public void Feed_MarkerSplitAcrossChunks_ReleasesExactlyThePayload(int chunkSize)
    {
        var marker = Encoding.ASCII.GetBytes("@@end@@");
        var stream = Encoding.ASCII.GetBytes("payload @@en not yet @@end@@ 3;0\ntrailing");
        var scanner = new MarkerScanner(marker);
        var payload = new List<byte>();

        for (var i = 0; i < stream.Length; i += chunkSize)
        {
            payload.AddRange(scanner.Feed(stream.AsSpan(i, Math.Min(chunkSize, stream.Length - i))).ToArray());
        }

        Assert.True(scanner.Complete);
        Assert.Equal("payload @@en not yet ", Encoding.ASCII.GetString([.. payload]));
        Assert.Equal(" 3;0", scanner.Trailer);
    }
}
