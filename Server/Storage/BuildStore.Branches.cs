using ContainerCd.Runtime.Scm;
using ContainerCd.Server.Jobs;

namespace ContainerCd.Server.Storage;

// The children of multibranch jobs (table branch_jobs): what the last scan found, retired children included.
internal sealed partial class BuildStore
{
    /// <summary>Replaces what a multibranch job's scan found (every child, retired ones included).</summary>
    public void SaveBranchHeads(string parent, IEnumerable<BranchHead> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        lock (_writeLock)
        {
            using var transaction = _writer.BeginTransaction();
            using (var delete = _writer.CreateCommand())
            {
                delete.Transaction = transaction;
                delete.CommandText = "DELETE FROM branch_jobs WHERE parent = $parent";
                delete.Parameters.AddWithValue("$parent", parent);
                delete.ExecuteNonQuery();
            }

            foreach (var head in heads)
            {
                using var insert = _writer.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO branch_jobs (parent, ref_name, kind, is_primary, retired) VALUES ($parent, $ref, $kind, $primary, $retired)";
                insert.Parameters.AddWithValue("$parent", parent);
                insert.Parameters.AddWithValue("$ref", head.RefName);
                insert.Parameters.AddWithValue("$kind", head.Kind.ToString());
                insert.Parameters.AddWithValue("$primary", head.Primary ? 1 : 0);
                insert.Parameters.AddWithValue("$retired", head.Retired ? 1 : 0);
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public IReadOnlyList<BranchHead> LoadBranchHeads(string parent)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ref_name, kind, is_primary, retired FROM branch_jobs WHERE parent = $parent ORDER BY ref_name";
        command.Parameters.AddWithValue("$parent", parent);
        using var reader = command.ExecuteReader();
        var heads = new List<BranchHead>();
        var changes = LoadChangeRequests(parent);
        while (reader.Read())
        {
            var kind = Enum.Parse<GitRefKind>(reader.GetString(1));
            var name = reader.GetString(0);
            heads.Add(new BranchHead(parent, name, kind, reader.GetInt64(2) != 0, reader.GetInt64(3) != 0)
            {
                Change = kind == GitRefKind.ChangeRequest ? changes.GetValueOrDefault(name) ?? new ChangeRequest(name) : null,
            });
        }

        return heads;
    }

    /// <summary>The commit of <paramref name="url"/> (normalised) the job's latest build that recorded one checked out, or null.</summary>
    public string? GetLastRecordedCommit(string job, string url)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT commit_id FROM scm_revisions WHERE job = $job AND url = $url ORDER BY number DESC LIMIT 1";
        command.Parameters.AddWithValue("$job", job);
        command.Parameters.AddWithValue("$url", url);
        return command.ExecuteScalar() as string;
    }
}
