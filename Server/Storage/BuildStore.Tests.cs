using ContainerCd.Server.Hubs;
using Microsoft.Data.Sqlite;

namespace ContainerCd.Server.Storage;

// Test cases: written in batches from TestReport events, a failure with what Jenkins derives from the previous build
// (the case's status there, the build it has failed since), read for testReport/api/json, the Tests tab and the
// trend. Whether a passing case is FIXED is found when it is read (the previous build's cases that did not pass are
// few), so storing the 99 in 100 cases that pass looks nothing up.
// Each build's totals are kept in test_totals, added to in the batch's transaction, so the totals, the trend and
// the previous build with tests never count cases.
internal sealed partial class BuildStore
{
    private const string InsertFailedTestCase =
        """
        INSERT INTO test_cases (job, number, stage_id, suite, class_name, name, status, duration_ms, message, stack_trace, stdout, stderr,
                                flaky_failures, previous_status, failed_since)
        SELECT $job, $n, $stage, $suite, $class, $name, $status, $duration, $message, $stack, $stdout, $stderr, $flaky, p.status,
               COALESCE(CASE WHEN p.status = 'FAILED' THEN NULLIF(p.failed_since, 0) END, $n)
        FROM (SELECT 1) LEFT JOIN (
            SELECT status, failed_since FROM test_cases WHERE job = $job AND class_name = $class AND name = $name AND number = $previous LIMIT 1
        ) p
        """;

    /// <summary>A case that passed or was skipped: its previous status is read with it (<see cref="PreviousNotPassed"/>).</summary>
    private const string InsertTestCase =
        """
        INSERT INTO test_cases (job, number, stage_id, suite, class_name, name, status, duration_ms, message, stack_trace, stdout, stderr,
                                flaky_failures, previous_status, failed_since)
        VALUES ($job, $n, $stage, $suite, $class, $name, $status, $duration, $message, $stack, $stdout, $stderr, $flaky, NULL, 0)
        """;

    /// <summary>
    /// The status of <c>t</c>'s case in build <c>$previous</c> when it did not pass there, else null (all a passing case
    /// needs: FIXED or PASSED); a failure's or a skip's as stored.
    /// </summary>
    private const string PreviousNotPassed =
        """
        CASE WHEN t.status = 'PASSED' THEN (SELECT p.status FROM test_cases p WHERE p.job = t.job AND p.class_name = t.class_name
            AND p.name = t.name AND p.number = $previous AND p.status <> 'PASSED' LIMIT 1) ELSE t.previous_status END
        """;

    private static readonly string[] TestCaseParameters =
        ["$job", "$n", "$previous", "$stage", "$suite", "$class", "$name", "$status", "$duration", "$message", "$stack", "$stdout", "$stderr", "$flaky"];

    /// <summary>Two prepared statements (failures, the rest) for the whole batch, in one transaction.</summary>
    private void WriteTestCases(string job, int number, TestReportDto report)
    {
        lock (_writeLock)
        {
            using var transaction = _writer.BeginTransaction();
            var previous = PreviousBuildWithTests(_writer, transaction, job, number);
            var (failure, failureParameters) = PrepareTestCaseInsert(transaction, InsertFailedTestCase);
            var (other, otherParameters) = PrepareTestCaseInsert(transaction, InsertTestCase);
            using var _ = failure;
            using var __ = other;
            var (failed, skipped) = (0, 0);
            foreach (var c in report.Cases)
            {
                failed += c.Status == "FAILED" ? 1 : 0;
                skipped += c.Status == "SKIPPED" ? 1 : 0;
                var (command, parameters) = c.Status == "FAILED" ? (failure, failureParameters) : (other, otherParameters);
                object?[] values = [job, number, previous, report.StageId, c.Suite, c.ClassName, c.Name, c.Status, c.DurationMillis, c.Message, c.StackTrace, c.Stdout, c.Stderr, c.FlakyFailures];
                for (var i = 0; i < values.Length; i++)
                {
                    parameters[i].Value = values[i] ?? DBNull.Value;
                }

                command.ExecuteNonQuery();
            }

            using var totals = _writer.CreateCommand();
            totals.Transaction = transaction;
            totals.CommandText =
                """
                INSERT INTO test_totals (job, number, total, failed, skipped) VALUES ($job, $n, $total, $failed, $skipped)
                ON CONFLICT (job, number) DO UPDATE SET total = total + $total, failed = failed + $failed, skipped = skipped + $skipped
                """;
            AddParameters(totals, ("$job", job), ("$n", number), ("$total", report.Cases.Count), ("$failed", failed), ("$skipped", skipped));
            totals.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private (SqliteCommand Command, SqliteParameter[] Parameters) PrepareTestCaseInsert(SqliteTransaction transaction, string sql)
    {
        var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var parameters = TestCaseParameters
            .Select(name => command.Parameters.Add(new SqliteParameter { ParameterName = name }))
            .ToArray();
        command.Prepare();
        return (command, parameters);
    }

    /// <summary>The build before <paramref name="number"/> that recorded tests, or 0 (Jenkins' previous test result).</summary>
    private static int PreviousBuildWithTests(SqliteConnection connection, SqliteTransaction? transaction, string job, int number)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(number), 0) FROM test_totals WHERE job = $job AND number < $n AND total > 0";
        AddParameters(command, ("$job", job), ("$n", number));
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The build's cases in the order they were recorded.</summary>
    public IReadOnlyList<TestCaseRecord> GetTestCases(string job, int number)
    {
        using var connection = OpenReader();
        var notPassed = PreviousNotPassedCases(connection, job, PreviousBuildWithTests(connection, null, job, number));
        using var command = Query(
            connection,
            "SELECT * FROM test_cases INDEXED BY test_cases_view WHERE job = $job AND number = $n ORDER BY rowid", // never a scan of every build's cases
            job,
            number);
        using var reader = command.ExecuteReader();
        var read = TestCaseReader(reader);
        var cases = new List<TestCaseRecord>();
        while (reader.Read())
        {
            var c = read();
            cases.Add(c.Status == "PASSED" ? c with { PreviousStatus = notPassed.GetValueOrDefault((c.ClassName, c.Name)) } : c);
        }

        return cases;
    }

    /// <summary>The cases of build <paramref name="previous"/> that did not pass, by class and name (the first recorded).</summary>
    private static Dictionary<(string, string), string> PreviousNotPassedCases(SqliteConnection connection, string job, int previous)
    {
        using var command = Query(
            connection,
            "SELECT class_name, name, status FROM test_cases INDEXED BY test_cases_view WHERE job = $job AND number = $n AND status <> 'PASSED' ORDER BY rowid",
            job,
            previous);
        using var reader = command.ExecuteReader();
        var cases = new Dictionary<(string, string), string>();
        while (reader.Read())
        {
            cases.TryAdd((reader.GetString(0), reader.GetString(1)), reader.GetString(2));
        }

        return cases;
    }

    /// <summary>Reads the current row of <paramref name="reader"/> (a <c>SELECT *</c> of test_cases) as a case.</summary>
    private static Func<TestCaseRecord> TestCaseReader(SqliteDataReader reader, string previousColumn = "previous_status")
    {
        var (stage, suite, className, name, status, duration, message, stack, stdout, stderr, flaky, previous, failedSince) = (
            reader.GetOrdinal("stage_id"), reader.GetOrdinal("suite"), reader.GetOrdinal("class_name"), reader.GetOrdinal("name"),
            reader.GetOrdinal("status"), reader.GetOrdinal("duration_ms"), reader.GetOrdinal("message"), reader.GetOrdinal("stack_trace"),
            reader.GetOrdinal("stdout"), reader.GetOrdinal("stderr"), reader.GetOrdinal("flaky_failures"), reader.GetOrdinal(previousColumn),
            reader.GetOrdinal("failed_since"));
        string? Text(int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
        return () => new TestCaseRecord(
            Text(stage), reader.GetString(suite), reader.GetString(className), reader.GetString(name), reader.GetString(status),
            reader.GetInt64(duration), Text(message), Text(stack), Text(stdout), Text(stderr), reader.GetInt32(flaky), Text(previous),
            reader.GetInt32(failedSince));
    }

    /// <summary>The build's totals, or null when it recorded no test.</summary>
    public TestCounts? GetTestCounts(string job, int number)
    {
        using var connection = OpenReader();
        using var command = Query(
            connection,
            "SELECT total, failed, skipped FROM test_totals WHERE job = $job AND number = $n",
            job,
            number);
        using var reader = command.ExecuteReader();
        return reader.Read() && reader.GetInt32(0) > 0 ? new TestCounts(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)) : null;
    }

    /// <summary>The totals of the job's last <paramref name="limit"/> builds with tests, oldest first (the trend chart).</summary>
    public IReadOnlyList<(int Number, TestCounts Counts)> GetTestTrend(string job, int limit)
    {
        using var connection = OpenReader();
        using var command = Query(
            connection,
            """
            SELECT number, total, failed, skipped FROM (
                SELECT number, total, failed, skipped FROM test_totals WHERE job = $job AND total > 0 ORDER BY number DESC LIMIT $n)
            ORDER BY number
            """,
            job,
            limit);
        using var reader = command.ExecuteReader();
        var trend = new List<(int, TestCounts)>();
        while (reader.Read())
        {
            trend.Add((reader.GetInt32(0), new TestCounts(reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3))));
        }

        return trend;
    }
}
