using ContainerCd.Server.Hubs;

namespace ContainerCd.Server.Storage;

/// <summary>Line and branch coverage of a build: one row per coverage event (keyed by its sequence, so a replay writes it once), summed when read.</summary>
internal sealed partial class BuildStore
{
    /// <summary>A build's line and branch coverage: covered and total counts over every tool it recorded.</summary>
    public sealed record CoverageCounts(long LinesCovered, long LinesTotal, long BranchesCovered, long BranchesTotal);

    /// <summary>The build's coverage, or null when it recorded none.</summary>
    public CoverageCounts? GetCoverage(string job, int number) =>
        ReadCoverage(job, number, "WHERE job = $job AND number = $n GROUP BY number").Select(c => c.Counts).SingleOrDefault();

    /// <summary>The coverage of the job's last <paramref name="limit"/> builds that recorded some, oldest first.</summary>
    public IReadOnlyList<(int Number, CoverageCounts Counts)> GetCoverageTrend(string job, int limit) =>
        ReadCoverage(job, limit, "WHERE job = $job AND number IN (SELECT DISTINCT number FROM coverage WHERE job = $job ORDER BY number DESC LIMIT $n) GROUP BY number ORDER BY number");

    private void WriteCoverage(string job, int number, CoverageReportDto e) =>
        Write(
            """
            INSERT OR REPLACE INTO coverage (job, number, sequence, tool, lines_covered, lines_total, branches_covered, branches_total)
            VALUES ($job, $n, $seq, $tool, $lc, $lt, $bc, $bt)
            """,
            ("$job", job), ("$n", number), ("$seq", e.Sequence), ("$tool", e.Tool), ("$lc", e.LinesCovered), ("$lt", e.LinesTotal),
            ("$bc", e.BranchesCovered), ("$bt", e.BranchesTotal));

    private List<(int Number, CoverageCounts Counts)> ReadCoverage(string job, int number, string where)
    {
        using var connection = OpenReader();
        using var command = Query(
            connection,
            "SELECT number, SUM(lines_covered), SUM(lines_total), SUM(branches_covered), SUM(branches_total) FROM coverage " + where,
            job,
            number);
        using var reader = command.ExecuteReader();
        var rows = new List<(int, CoverageCounts)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt32(0), new CoverageCounts(reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4))));
        }

        return rows;
    }
}
