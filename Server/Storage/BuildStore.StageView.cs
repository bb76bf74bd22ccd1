namespace ContainerCd.Server.Storage;

// The job page's Stage View: a job's last builds with their stages, read in two queries whatever the number of builds.
internal sealed partial class BuildStore
{
    /// <summary>
    /// The job's builds numbered below <paramref name="before"/> (all with null), newest first, at most
    /// <paramref name="limit"/>, each with its stages in the order they started, its count of changes and the
    /// stages waiting for an input. One read transaction: the builds and their stages are one snapshot.
    /// </summary>
    public IReadOnlyList<StageViewRow> GetStageView(string job, int limit, int? before = null)
    {
        using var connection = OpenReader();
        using var transaction = connection.BeginTransaction(deferred: true);
        var rows = new List<StageViewRow>();
        using (var builds = connection.CreateCommand())
        {
            builds.Transaction = transaction;
            builds.CommandText =
                """
                SELECT b.*, (SELECT count(*) FROM scm_changes c WHERE c.job = b.job AND c.number = b.number) AS change_count
                FROM builds b WHERE b.job = $job AND ($before IS NULL OR b.number < $before)
                ORDER BY b.number DESC LIMIT $limit
                """;
            builds.Parameters.AddWithValue("$job", job);
            builds.Parameters.AddWithValue("$before", (object?)before ?? DBNull.Value);
            builds.Parameters.AddWithValue("$limit", limit);
            using var reader = builds.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(new StageViewRow(ReadBuild(reader), reader.GetInt32(reader.GetOrdinal("change_count")), [], new HashSet<string>(StringComparer.Ordinal)));
            }
        }

        if (rows.Count == 0)
        {
            return rows;
        }

        var byNumber = rows.ToDictionary(r => r.Build.Number);
        using var stages = connection.CreateCommand();
        stages.Transaction = transaction;
        stages.CommandText =
            """
            SELECT s.*, EXISTS (SELECT 1 FROM inputs i WHERE i.job = s.job AND i.number = s.number AND i.stage_id = s.stage_id AND i.state = 'PENDING') AS waiting
            FROM stages s WHERE s.job = $job AND s.number BETWEEN $first AND $last
            ORDER BY s.number DESC, s.sequence
            """;
        stages.Parameters.AddWithValue("$job", job);
        stages.Parameters.AddWithValue("$first", rows[^1].Build.Number);
        stages.Parameters.AddWithValue("$last", rows[0].Build.Number);
        using (var reader = stages.ExecuteReader())
        {
            while (reader.Read())
            {
                if (!byNumber.TryGetValue(reader.GetInt32(reader.GetOrdinal("number")), out var row))
                {
                    continue;
                }

                var stage = ReadStage(reader);
                row.Stages.Add(stage);
                if (reader.GetBoolean(reader.GetOrdinal("waiting")))
                {
                    row.WaitingForInput.Add(stage.StageId);
                }
            }
        }

        transaction.Commit();
        return rows;
    }
}
