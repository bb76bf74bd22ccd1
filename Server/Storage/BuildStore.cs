using System.Globalization;
using System.Text.Json;
using ContainerCd.Runtime.History;
using ContainerCd.Runtime.Results;
using Microsoft.Data.Sqlite;

namespace ContainerCd.Server.Storage;

/// <summary>
/// The server's SQLite database: jobs' build numbers, builds, stages, steps, test cases and inputs.
/// Writes are serialised on one connection (callers are the build recorders' writer and the queue);
/// reads open pooled connections, so pages never wait behind a busy build (WAL mode).
/// </summary>
internal sealed partial class BuildStore : IBuildHistory, IDisposable
{
    private readonly string _connectionString;
    private readonly SqliteConnection _writer;
    private readonly Lock _writeLock = new();

    public BuildStore(string databaseFile)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(databaseFile)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = true, DefaultTimeout = 30 }.ToString();
        _writer = new SqliteConnection(_connectionString);
        _writer.Open();
        Migrations.Apply(_writer);
    }

    /// <summary>Closes the writer once no write is under way (a background writer may still be finishing one at shutdown).</summary>
    public void Dispose()
    {
        lock (_writeLock)
        {
            _writer.Dispose();
        }
    }

    // ---- IBuildHistory ----

    public ValueTask<int> AllocateBuildNumberAsync(string job, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(AllocateBuildNumber(job));

    public async ValueTask<BuildSummary?> GetPreviousCompletedBuildAsync(string job, int beforeNumber, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT * FROM builds WHERE job = $job AND number < $n AND status = 'FINISHED' ORDER BY number DESC LIMIT 1";
        command.Parameters.AddWithValue("$job", job);
        command.Parameters.AddWithValue("$n", beforeNumber);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var build = ReadBuild(reader);
        var result = BuildResultExtensions.TryParseJenkinsName(build.Result, out var parsed) ? parsed : BuildResult.Failure;
        return new BuildSummary(
            build.Job, build.Number, result, build.StartedAt ?? build.QueuedAt, TimeSpan.FromMilliseconds(build.DurationMillis ?? 0), build.DisplayName, build.Description);
    }

    public ValueTask RecordCompletedAsync(BuildSummary build, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        Write(
            """
            INSERT INTO builds (job, number, status, result, queued_at, started_at, duration_ms, display_name, description)
            VALUES ($job, $n, 'FINISHED', $result, $started, $started, $duration, $display, $description)
            ON CONFLICT(job, number) DO UPDATE SET status = 'FINISHED', result = $result, duration_ms = $duration,
                display_name = coalesce($display, display_name), description = coalesce($description, description)
            """,
            ("$job", build.Job),
            ("$n", build.Number),
            ("$result", build.Result.ToJenkinsName()),
            ("$started", build.StartedAt.ToUnixTimeMilliseconds()),
            ("$duration", (long)build.Duration.TotalMilliseconds),
            ("$display", build.DisplayName),
            ("$description", build.Description));
        RecordScm(build);
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<BuildListing>> ListBuildsAsync(string job, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<BuildListing>>([.. ListBuilds(job, int.MaxValue)
            .Where(b => b.Status != BuildStatuses.Queued)
            .OrderByDescending(b => b.Number)
            .Select(b => new BuildListing(
                b.Number,
                b.StartedAt ?? b.QueuedAt,
                b.Status == BuildStatuses.Finished && BuildResultExtensions.TryParseJenkinsName(b.Result, out var result) ? result : null))]);

    public ValueTask DeleteBuildAsync(string job, int number, CancellationToken cancellationToken = default)
    {
        Write(
            """
            DELETE FROM builds WHERE job = $job AND number = $n;
            DELETE FROM stages WHERE job = $job AND number = $n;
            DELETE FROM steps WHERE job = $job AND number = $n;
            DELETE FROM test_cases WHERE job = $job AND number = $n;
            DELETE FROM test_totals WHERE job = $job AND number = $n;
            DELETE FROM coverage WHERE job = $job AND number = $n;
            DELETE FROM inputs WHERE job = $job AND number = $n;
            DELETE FROM scm_revisions WHERE job = $job AND number = $n;
            DELETE FROM scm_changes WHERE job = $job AND number = $n;
            """,
            ("$job", job),
            ("$n", number));
        return ValueTask.CompletedTask;
    }

    // ---- builds ----

    public int AllocateBuildNumber(string job)
    {
        lock (_writeLock)
        {
            using var command = _writer.CreateCommand();
            command.CommandText =
                """
                INSERT INTO jobs (name, next_number) VALUES ($job, 1) ON CONFLICT(name) DO NOTHING;
                UPDATE jobs SET next_number = max(next_number, coalesce((SELECT max(number) FROM builds WHERE job = $job), 0) + 1) WHERE name = $job;
                UPDATE jobs SET next_number = next_number + 1 WHERE name = $job RETURNING next_number - 1;
                """;
            command.Parameters.AddWithValue("$job", job);
            return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    public void InsertBuild(BuildRecord build) => Write(
        """
        INSERT INTO builds (job, number, status, result, cause, cause_json, parameters, queued_at, started_at, duration_ms, last_sequence)
        VALUES ($job, $n, $status, $result, $cause, $causeJson, $parameters, $queued, $started, $duration, $seq)
        """,
        ("$job", build.Job),
        ("$n", build.Number),
        ("$status", build.Status),
        ("$result", build.Result),
        ("$cause", build.Cause.ShortDescription),
        ("$causeJson", StoredCause.ToJson(build.Cause)),
        ("$parameters", JsonSerializer.Serialize(build.Parameters)),
        ("$queued", build.QueuedAt.ToUnixTimeMilliseconds()),
        ("$started", build.StartedAt?.ToUnixTimeMilliseconds()),
        ("$duration", build.DurationMillis),
        ("$seq", build.LastSequence));

    public void MarkStarted(string job, int number, DateTimeOffset startedAt) => Write(
        "UPDATE builds SET status = 'RUNNING', started_at = $started WHERE job = $job AND number = $n",
        ("$job", job),
        ("$n", number),
        ("$started", startedAt.ToUnixTimeMilliseconds()));

    public void MarkFinished(string job, int number, string result, long durationMillis, long lastSequence) => Write(
        """
        UPDATE builds SET status = 'FINISHED', result = $result, duration_ms = $duration,
            last_sequence = max(last_sequence, $seq), started_at = coalesce(started_at, queued_at)
        WHERE job = $job AND number = $n
        """,
        ("$job", job),
        ("$n", number),
        ("$result", result),
        ("$duration", durationMillis),
        ("$seq", lastSequence));

    public void UpdateDisplay(string job, int number, string? displayName, string? description) => Write(
        "UPDATE builds SET display_name = coalesce($display, display_name), description = coalesce($description, description) WHERE job = $job AND number = $n",
        ("$job", job),
        ("$n", number),
        ("$display", displayName),
        ("$description", description));

    public void UpdateLastSequence(string job, int number, long lastSequence) => Write(
        "UPDATE builds SET last_sequence = max(last_sequence, $seq) WHERE job = $job AND number = $n",
        ("$job", job),
        ("$n", number),
        ("$seq", lastSequence));

    public BuildRecord? GetBuild(string job, int number)
    {
        using var connection = OpenReader();
        using var command = Query(connection, "SELECT * FROM builds WHERE job = $job AND number = $n", job, number);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadBuild(reader) : null;
    }

    public IReadOnlyList<BuildRecord> ListBuilds(string? job, int limit = 50, string? status = null)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT * FROM builds WHERE ($job IS NULL OR job = $job) AND ($status IS NULL OR status = $status)
            ORDER BY queued_at DESC, number DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$job", (object?)job ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", (object?)status ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var builds = new List<BuildRecord>();
        while (reader.Read())
        {
            builds.Add(ReadBuild(reader));
        }

        return builds;
    }

    /// <summary>Builds not finished (queued or running): after a restart, the ones the previous process left behind.</summary>
    public IReadOnlyList<BuildRecord> Unfinished()
    {
        var queued = ListBuilds(null, int.MaxValue, BuildStatuses.Queued);
        var running = ListBuilds(null, int.MaxValue, BuildStatuses.Running);
        return [.. running, .. queued];
    }

    internal SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private void Write(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (_writeLock)
        {
            using var command = _writer.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            command.ExecuteNonQuery();
        }
    }

    private static BuildRecord ReadBuild(SqliteDataReader reader)
    {
        var parameters = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(reader.GetOrdinal("parameters"))) ?? [];
        return new BuildRecord(
            reader.GetString(reader.GetOrdinal("job")),
            reader.GetInt32(reader.GetOrdinal("number")),
            reader.GetString(reader.GetOrdinal("status")),
            NullableString(reader, "result"),
            StoredCause.Read(reader.GetString(reader.GetOrdinal("cause")), NullableString(reader, "cause_json")),
            parameters,
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(reader.GetOrdinal("queued_at"))),
            NullableTime(reader, "started_at"),
            NullableLong(reader, "duration_ms"),
            reader.GetInt64(reader.GetOrdinal("last_sequence")),
            NullableString(reader, "display_name"),
            NullableString(reader, "description"));
    }

    private static string? NullableString(SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    private static long? NullableLong(SqliteDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
    }

    private static DateTimeOffset? NullableTime(SqliteDataReader reader, string column) =>
        NullableLong(reader, column) is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}
