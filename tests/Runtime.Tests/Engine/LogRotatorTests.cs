using ContainerCd.Runtime.History;
using ContainerCd.Runtime.Pipeline.JobProperties;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>Which builds <c>logRotator</c> deletes, as Jenkins' LogRotator chooses them.</summary>
public class LogRotatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Builds newest first from a string of results, oldest last: S success, U unstable, F failure, R running; build i started i days ago.</summary>
    private static List<BuildListing> Builds(string results) =>
        [.. results.Select((c, i) => new BuildListing(results.Length - i, Now.AddDays(-i), c switch
        {
            'S' => BuildResult.Success,
            'U' => BuildResult.Unstable,
            'F' => BuildResult.Failure,
            _ => (BuildResult?)null,
        }))];

    [Theory]
    [InlineData("SSSSS", 2, false, new[] { 3, 2, 1 })]
    [InlineData("SS", 2, false, new int[0])]
    [InlineData("FFSSS", 2, false, new[] { 2, 1 })] // #3 is the last successful and stable build: kept
    [InlineData("FFUSS", 2, false, new[] { 1 })] // #3 the last successful, #2 the last stable
    [InlineData("FFSSS", 2, true, new[] { 3, 2, 1 })] // removeLastBuild: those go too
    [InlineData("SRFFF", 1, false, new[] { 3, 2, 1 })] // a running build is never deleted
    [InlineData("SSSSS", 0, false, new[] { 4, 3, 2, 1 })] // the newest build is the last successful one
    public void NumToKeep_DeletesTheOlderBuilds_ButTheLastSuccessfulAndStableAndRunningOnes(string results, int numToKeep, bool removeLastBuild, int[] deleted)
    {
        var rotator = new LogRotator(-1, numToKeep, -1, -1, removeLastBuild);

        var (builds, artifacts) = rotator.Select(Builds(results), Now);

        Assert.Equal(deleted, builds);
        Assert.Empty(artifacts);
    }

    [Fact]
    public void DaysToKeep_DeletesTheBuildsStartedEarlier()
    {
        // Builds #5..#1 started 0..4 days ago; keep 2 days: #2 (3 days) and #1 (4 days) go, #3 (2 days ago, not before the cutoff) stays.
        var rotator = new LogRotator(2, -1, -1, -1, false);

        var (builds, _) = rotator.Select(Builds("SSSSS"), Now);

        Assert.Equal([1, 2], builds.Order());
    }

    [Fact]
    public void ArtifactNumToKeep_StripsOnlyArtifacts_OfBuildsThatAreKept()
    {
        var rotator = new LogRotator(-1, 3, -1, 1, false);

        var (builds, artifacts) = rotator.Select(Builds("SSSSS"), Now);

        Assert.Equal([2, 1], builds);
        Assert.Equal([4, 3], artifacts);
    }
}
