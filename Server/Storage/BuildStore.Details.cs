using System.Text.Json;
using ContainerCd.Server.Hubs;
using Microsoft.Data.Sqlite;

namespace ContainerCd.Server.Storage;

// Stages, steps and inputs (and test cases, BuildStore.Tests.cs): written from the events, read by the REST API.
internal sealed partial class BuildStore
{
    /// <summary>Records what an event says about stages, steps, tests and inputs (log chunks are not stored here).</summary>
    public void Apply(string job, int number, BuildEventDto dto)
    {
        switch (dto)
        {
            case StageStartedDto e:
                Write(
                    """
                    INSERT INTO stages (job, number, stage_id, parent_id, path, name, kind, status, started_at, sequence)
                    VALUES ($job, $n, $id, $parent, $path, $name, $kind, 'RUNNING', $started, $seq)
                    ON CONFLICT(job, number, stage_id) DO UPDATE SET status = 'RUNNING', started_at = $started
                    """,
                    ("$job", job), ("$n", number), ("$id", e.StageId), ("$parent", e.ParentId), ("$path", JsonSerializer.Serialize(e.Path)),
                    ("$name", e.Name), ("$kind", e.Kind), ("$started", e.Timestamp.ToUnixTimeMilliseconds()), ("$seq", e.Sequence));
                break;
            case StageFinishedDto e:
                Write(
                    """
                    INSERT INTO stages (job, number, stage_id, parent_id, path, name, kind, status, started_at, duration_ms, skip_reason, sequence)
                    VALUES ($job, $n, $id, $parent, $path, $name, $kind, $status, $started, $duration, $skip, $seq)
                    ON CONFLICT(job, number, stage_id) DO UPDATE SET status = $status, duration_ms = $duration, skip_reason = $skip
                    """,
                    ("$job", job), ("$n", number), ("$id", e.StageId), ("$parent", e.ParentId), ("$path", JsonSerializer.Serialize(e.Path)),
                    ("$name", e.Name), ("$kind", e.Kind), ("$status", e.SkipReason is null ? e.Result : "SKIPPED"),
                    ("$started", e.StartedAt.ToUnixTimeMilliseconds()), ("$duration", e.DurationMillis), ("$skip", e.SkipReason), ("$seq", e.Sequence));
                break;
            case StepStartedDto e:
                Write(
                    """
                    INSERT OR REPLACE INTO steps (job, number, step_id, stage_id, name, description, status, started_at)
                    VALUES ($job, $n, $id, $stage, $name, $description, 'RUNNING', $started)
                    """,
                    ("$job", job), ("$n", number), ("$id", e.StepId), ("$stage", e.StageId), ("$name", e.Name), ("$description", e.Description),
                    ("$started", e.Timestamp.ToUnixTimeMilliseconds()));
                break;
            case StepFinishedDto e:
                Write(
                    "UPDATE steps SET status = $status, duration_ms = $duration, error = $error WHERE job = $job AND number = $n AND step_id = $id",
                    ("$job", job), ("$n", number), ("$id", e.StepId), ("$status", e.Result), ("$duration", e.DurationMillis), ("$error", e.Error));
                break;
            case TestReportDto e:
                WriteTestCases(job, number, e);
                break;
            case CoverageReportDto e:
                WriteCoverage(job, number, e);
                break;
            case DeploymentDto e:
                WriteDeployment(job, number, e);
                break;
            case InputRequestedDto e:
                Write(
                    """
                    INSERT OR REPLACE INTO inputs (job, number, input_id, stage_id, message, ok, submitter, parameters, state)
                    VALUES ($job, $n, $id, $stage, $message, $ok, $submitter, $parameters, 'PENDING')
                    """,
                    ("$job", job), ("$n", number), ("$id", e.InputId), ("$stage", e.StageId), ("$message", e.Message), ("$ok", e.Ok),
                    ("$submitter", e.Submitter), ("$parameters", JsonSerializer.Serialize(e.Parameters, EventJournal.JsonOptions)));
                break;
            case InputAnsweredDto e:
                Write(
                    "UPDATE inputs SET state = $state, answered_by = $by WHERE job = $job AND number = $n AND input_id = $id",
                    ("$job", job), ("$n", number), ("$id", e.InputId), ("$state", e.Proceeded ? "PROCEEDED" : "ABORTED"), ("$by", e.Submitter));
                break;
            case BuildStartedDto e:
                MarkStarted(job, number, e.Timestamp);
                break;
            case BuildFinishedDto e:
                MarkFinished(job, number, e.Result, e.DurationMillis, e.Sequence);
                break;
            default:
                break;
        }
    }

    public IReadOnlyList<StageRecord> GetStages(string job, int number)
    {
        using var connection = OpenReader();
        using var command = Query(connection, "SELECT * FROM stages WHERE job = $job AND number = $n ORDER BY sequence", job, number);
        using var reader = command.ExecuteReader();
        var stages = new List<StageRecord>();
        while (reader.Read())
        {
            stages.Add(ReadStage(reader));
        }

        return stages;
    }

    public IReadOnlyList<StepRecord> GetSteps(string job, int number)
    {
        using var connection = OpenReader();
        using var command = Query(connection, "SELECT * FROM steps WHERE job = $job AND number = $n ORDER BY started_at, rowid", job, number);
        using var reader = command.ExecuteReader();
        var steps = new List<StepRecord>();
        while (reader.Read())
        {
            steps.Add(new StepRecord(
                reader.GetString(reader.GetOrdinal("step_id")),
                NullableString(reader, "stage_id"),
                reader.GetString(reader.GetOrdinal("name")),
                NullableString(reader, "description"),
                reader.GetString(reader.GetOrdinal("status")),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(reader.GetOrdinal("started_at"))),
                NullableLong(reader, "duration_ms"),
                NullableString(reader, "error")));
        }

        return steps;
    }

    public IReadOnlyList<InputRecord> GetInputs(string job, int number)
    {
        using var connection = OpenReader();
        using var command = Query(connection, "SELECT * FROM inputs WHERE job = $job AND number = $n ORDER BY rowid", job, number);
        using var reader = command.ExecuteReader();
        var inputs = new List<InputRecord>();
        while (reader.Read())
        {
            inputs.Add(new InputRecord(
                reader.GetString(reader.GetOrdinal("input_id")),
                NullableString(reader, "stage_id"),
                reader.GetString(reader.GetOrdinal("message")),
                reader.GetString(reader.GetOrdinal("ok")),
                NullableString(reader, "submitter"),
                reader.GetString(reader.GetOrdinal("parameters")),
                reader.GetString(reader.GetOrdinal("state")),
                NullableString(reader, "answered_by")));
        }

        return inputs;
    }

    private static StageRecord ReadStage(SqliteDataReader reader) => new(
        reader.GetString(reader.GetOrdinal("stage_id")),
        NullableString(reader, "parent_id"),
        JsonSerializer.Deserialize<string[]>(reader.GetString(reader.GetOrdinal("path"))) ?? [],
        reader.GetString(reader.GetOrdinal("name")),
        reader.GetString(reader.GetOrdinal("kind")),
        reader.GetString(reader.GetOrdinal("status")),
        NullableTime(reader, "started_at"),
        NullableLong(reader, "duration_ms"),
        NullableString(reader, "skip_reason"),
        reader.GetInt64(reader.GetOrdinal("sequence")));

    private static SqliteCommand Query(SqliteConnection connection, string sql, string job, int number)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$job", job);
        command.Parameters.AddWithValue("$n", number);
        return command;
    }

    internal static void AddParameters(SqliteCommand command, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }
}
