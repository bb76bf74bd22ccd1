using System.Text.Json;
using ContainerCd.Server.Hubs;

namespace ContainerCd.Server.Storage;

/// <summary>
/// Deployment records: one row per deployment event (keyed by its sequence, so a replay writes it once), read back as
/// the deployments of a build, of a project, and the latest of every project.
/// </summary>
internal sealed partial class BuildStore
{
    private const string DeploymentColumns = "job, number, sequence, timestamp, stage_id, project, phase, strategy, weights, image_digests, message";

    /// <summary>The deployments a build made, one per project, in the order it began them.</summary>
    public IReadOnlyList<DeploymentRecord> GetBuildDeployments(string job, int number) =>
        Group(ReadDeploymentEvents($"SELECT {DeploymentColumns} FROM deployment_events WHERE job = $job AND number = $n ORDER BY sequence", ("$job", job), ("$n", number)));

    /// <summary>A project's deployments, newest first (by their last change), at most <paramref name="limit"/>.</summary>
    public IReadOnlyList<DeploymentRecord> GetProjectDeployments(string project, int limit) =>
        [.. Group(ReadDeploymentEvents(
                $"""
                SELECT {DeploymentColumns} FROM deployment_events
                WHERE project = $project AND (job, number) IN (
                    SELECT job, number FROM deployment_events WHERE project = $project
                    GROUP BY job, number ORDER BY MAX(timestamp) DESC, MAX(number) DESC LIMIT $limit)
                ORDER BY timestamp, sequence
                """,
                ("$project", project), ("$limit", limit)))
            .OrderByDescending(d => d.LastChangedAt).ThenByDescending(d => d.Number)];

    /// <summary>Every project with its latest deployment (the build that changed it last), by project name.</summary>
    public IReadOnlyList<DeploymentRecord> GetLatestDeployments() =>
        [.. Group(ReadDeploymentEvents(
                $"""
                SELECT {DeploymentColumns} FROM deployment_events d
                WHERE (d.job, d.number) = (
                    SELECT job, number FROM deployment_events l WHERE l.project = d.project ORDER BY timestamp DESC, sequence DESC LIMIT 1)
                ORDER BY timestamp, sequence
                """))
            .OrderBy(d => d.Project, StringComparer.Ordinal)];

    private void WriteDeployment(string job, int number, DeploymentDto e) =>
        Write(
            $"""
            INSERT OR REPLACE INTO deployment_events ({DeploymentColumns})
            VALUES ($job, $n, $seq, $ts, $stage, $project, $phase, $strategy, $weights, $digests, $message)
            """,
            ("$job", job), ("$n", number), ("$seq", e.Sequence), ("$ts", e.Timestamp.ToUnixTimeMilliseconds()), ("$stage", e.StageId),
            ("$project", e.Project), ("$phase", e.Phase), ("$strategy", e.Strategy), ("$weights", JsonSerializer.Serialize(e.Weights)),
            ("$digests", JsonSerializer.Serialize(e.ImageDigests)), ("$message", e.Message));

    /// <summary>Events grouped by build and project, in the order of each group's first event.</summary>
    private static List<DeploymentRecord> Group(List<DeploymentEventRow> rows) =>
        [.. rows.GroupBy(r => (r.Job, r.Number, r.Project)).Select(g => new DeploymentRecord(g.Key.Project, g.Key.Job, g.Key.Number, [.. g]))];

    private List<DeploymentEventRow> ReadDeploymentEvents(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        using var reader = command.ExecuteReader();
        var rows = new List<DeploymentEventRow>();
        while (reader.Read())
        {
            rows.Add(new DeploymentEventRow(
                reader.GetString(0),
                reader.GetInt32(1),
                reader.GetInt64(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5),
                reader.GetString(6),
                reader.GetString(7),
                JsonSerializer.Deserialize<Dictionary<string, int>>(reader.GetString(8)) ?? [],
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(9)) ?? [],
                reader.IsDBNull(10) ? null : reader.GetString(10)));
        }

        return rows;
    }
}
