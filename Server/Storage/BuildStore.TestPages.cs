using Microsoft.Data.Sqlite;

namespace ContainerCd.Server.Storage;

// The Tests tab's pages: the build's cases counted by status, stage and suite (one scan of the test_cases_view
// index), then the rows of one such group from an offset, with the status and the text filter applied in SQL, so
// the tab never needs a whole report of 100,000 cases.
internal sealed partial class BuildStore
{
    private const string MatchFunction = "containercd_test_matches";

    private static readonly string[] TestGroupParameters = ["$status", "$stage", "$suite", "$count", "$offset"];

    /// <summary>The build's cases that pass <paramref name="filter"/>, counted by status, stage and suite (in the index's order).</summary>
    public IReadOnlyList<TestGroup> GetTestGroups(string job, int number, TestFilter filter)
    {
        using var connection = OpenReader();
        using var command = Query(
            connection,
            $"""
            SELECT status, stage_id, suite, COUNT(*) FROM test_cases
            WHERE job = $job AND number = $n{Where(connection, filter)}
            GROUP BY status, stage_id, suite
            """,
            job,
            number);
        AddParameters(command, ("$status", filter.Status));
        using var reader = command.ExecuteReader();
        var groups = new List<TestGroup>();
        while (reader.Read())
        {
            groups.Add(new TestGroup(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        }

        return groups;
    }

    /// <summary>
    /// Up to <c>Count</c> rows of each group from <c>Offset</c> (in the order they were recorded), each with whether it
    /// both passed and failed within the job's last <paramref name="flakyWindow"/> builds up to this one (for the rows
    /// that failed now or in the previous build): one connection and one prepared statement for every group.
    /// </summary>
    public IReadOnlyList<(TestCaseRecord Case, bool FlakyHistory)> GetTestRows(
        string job, int number, TestFilter filter, IEnumerable<(TestGroup Group, int Offset, int Count)> slices, int flakyWindow)
    {
        using var connection = OpenReader();
        using var command = Query(
            connection,
            $"""
            SELECT *, (status = 'FAILED' OR previous_now IS 'FAILED')
              AND EXISTS (SELECT 1 FROM test_cases h WHERE h.job = $job AND h.class_name = c.class_name AND h.name = c.name
                          AND h.number BETWEEN $low AND $n AND h.status = 'FAILED')
              AND EXISTS (SELECT 1 FROM test_cases h WHERE h.job = $job AND h.class_name = c.class_name AND h.name = c.name
                          AND h.number BETWEEN $low AND $n AND h.status = 'PASSED') AS flaky_history
            FROM (
                SELECT t.*, t.rowid AS row_id, {PreviousNotPassed} AS previous_now FROM test_cases t
                WHERE t.job = $job AND t.number = $n AND t.status = $status AND t.stage_id IS $stage AND t.suite = $suite{Where(connection, filter with { Status = null })}
                ORDER BY t.rowid LIMIT $count OFFSET $offset) c
            ORDER BY row_id
            """,
            job,
            number);
        AddParameters(command, ("$low", number - flakyWindow + 1), ("$previous", PreviousBuildWithTests(connection, null, job, number)));
        var parameters = TestGroupParameters
            .Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name }))
            .ToArray();
        var rows = new List<(TestCaseRecord, bool)>();
        foreach (var (group, offset, count) in slices)
        {
            object?[] values = [group.Status, group.StageId, group.Suite, count, offset];
            for (var i = 0; i < values.Length; i++)
            {
                parameters[i].Value = values[i] ?? DBNull.Value;
            }

            using var reader = command.ExecuteReader();
            var flaky = reader.GetOrdinal("flaky_history");
            var read = TestCaseReader(reader, "previous_now");
            while (reader.Read())
            {
                rows.Add((read(), reader.GetBoolean(flaky)));
            }
        }

        return rows;
    }

    /// <summary>The filter's conditions after <c>WHERE job = $job AND number = $n</c>; the text is matched by a function of this connection.</summary>
    private static string Where(SqliteConnection connection, TestFilter filter)
    {
        var where = filter.Status is null ? "" : " AND status = $status";
        if (filter.Text is null)
        {
            return where;
        }

        connection.CreateFunction<string?, string, string, string, bool>(MatchFunction, filter.Matches, isDeterministic: true);
        return where + $" AND {MatchFunction}(stage_id, suite, class_name, name)";
    }
}
