using ContainerCd.Server.Hubs;

namespace ContainerCd.Server.Storage;

/// <summary>Line and branch coverage of a build: one row per coverage event (keyed by its sequence, so a replay writes it once), summed when read.</summary>
internal sealed partial class BuildStore
{
    /// <summary>A build's line and branch coverage: covered and total counts over every tool it recorded.</summary>
    public sealed record CoverageCounts(long LinesCovered, long LinesTotal, long BranchesCovered, long BranchesTotal);

    /// <summary>What one step (<c>recordCoverage</c>, <c>cobertura</c>) recorded for one tool (JaCoCo, Cobertura) in a build, summed over its reports.</summary>
    public sealed record ToolCoverage(string Recorder, string Tool, CoverageCounts Counts);

    private const string Sums = "SUM(lines_covered), SUM(lines_total), SUM(branches_covered), SUM(branches_total)";

    /// <summary>The build's coverage, or null when it recorded none.</summary>
    public CoverageCounts? GetCoverage(string job, int number) =>
        ReadCoverage(job, number, "WHERE job = $job AND number = $n GROUP BY number").Select(c => c.Counts).SingleOrDefault();

    /// <summary>The coverage of the job's last <paramref name="limit"/> builds that recorded some, oldest first.</summary>
    public IReadOnlyList<(int Number, CoverageCounts Counts)> GetCoverageTrend(string job, int limit) =>
        ReadCoverage(job, limit, "WHERE job = $job AND number IN (SELECT DISTINCT number FROM coverage WHERE job = $job ORDER BY number DESC LIMIT $n) GROUP BY number ORDER BY number");

    /// <summary>The build's coverage per step and tool, in the order they were first recorded; empty when it recorded none.</summary>
    public IReadOnlyList<ToolCoverage> GetCoverageByTool(string job, int number)
    {
        using var connection = OpenReader();
        using var command = Query(
            connection,
            $"SELECT recorder, tool, {Sums} FROM coverage WHERE job = $job AND number = $n GROUP BY recorder, tool ORDER BY MIN(sequence)",
            job,
            number);
        using var reader = command.ExecuteReader();
        var tools = new List<ToolCoverage>();
        while (reader.Read())
        {
            tools.Add(new ToolCoverage(reader.GetString(0), reader.GetString(1), ReadCounts(reader, 2)));
        }

        return tools;
    }

    /// <summary>The sequence of the build's last coverage event stored (0 for none): events are stored in order, so every earlier one is in.</summary>
    public long GetLastCoverageSequence(string job, int number)
    {
        using var connection = OpenReader();
        using var command = Query(connection, "SELECT COALESCE(MAX(sequence), 0) FROM coverage WHERE job = $job AND number = $n", job, number);
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>The number of the job's latest build before <paramref name="number"/> that recorded coverage (with <paramref name="recorder"/>, when given), or null.</summary>
    public int? GetPreviousCoverageBuild(string job, int number, string? recorder = null)
    {
        using var connection = OpenReader();
        using var command = Query(
            connection,
            $"SELECT MAX(number) FROM coverage WHERE job = $job AND number < $n{(recorder is null ? "" : " AND recorder = $recorder")}",
            job,
            number);
        AddParameters(command, ("$recorder", recorder));
        return command.ExecuteScalar() is long previous ? (int)previous : null;
    }

    private void WriteCoverage(string job, int number, CoverageReportDto e) =>
        Write(
            """
            INSERT OR REPLACE INTO coverage (job, number, sequence, tool, lines_covered, lines_total, branches_covered, branches_total, recorder)
            VALUES ($job, $n, $seq, $tool, $lc, $lt, $bc, $bt, $recorder)
            """,
            ("$job", job), ("$n", number), ("$seq", e.Sequence), ("$tool", e.Tool), ("$lc", e.LinesCovered), ("$lt", e.LinesTotal),
            ("$bc", e.BranchesCovered), ("$bt", e.BranchesTotal), ("$recorder", e.Recorder ?? "recordCoverage"));

    private List<(int Number, CoverageCounts Counts)> ReadCoverage(string job, int number, string where)
    {
        using var connection = OpenReader();
        using var command = Query(connection, $"SELECT number, {Sums} FROM coverage " + where, job, number);
        using var reader = command.ExecuteReader();
        var rows = new List<(int, CoverageCounts)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt32(0), ReadCounts(reader, 1)));
        }

        return rows;
    }

    private static CoverageCounts ReadCounts(Microsoft.Data.Sqlite.SqliteDataReader reader, int first) =>
        new(reader.GetInt64(first), reader.GetInt64(first + 1), reader.GetInt64(first + 2), reader.GetInt64(first + 3));
}
