namespace ContainerCd.Runtime.Publishing;

/// <summary>Line and branch coverage of one build from one tool's report(s): covered and total counts.</summary>
public sealed record CoverageSummary(string Tool, long LinesCovered, long LinesTotal, long BranchesCovered, long BranchesTotal)
{
    /// <summary>Covered lines in percent (two decimals), or null when the report has no lines.</summary>
    public double? LinePercent => Percent(LinesCovered, LinesTotal);

    /// <summary>Covered branches in percent (two decimals), or null when the report has no branches.</summary>
    public double? BranchPercent => Percent(BranchesCovered, BranchesTotal);

    public CoverageSummary Add(CoverageSummary other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return this with
        {
            LinesCovered = LinesCovered + other.LinesCovered,
            LinesTotal = LinesTotal + other.LinesTotal,
            BranchesCovered = BranchesCovered + other.BranchesCovered,
            BranchesTotal = BranchesTotal + other.BranchesTotal,
        };
    }

    private static double? Percent(long covered, long total) => total == 0 ? null : Math.Round(100.0 * covered / total, 2);
}
