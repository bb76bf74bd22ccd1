using System.Text.Json;
using ContainerCd.Runtime.History;
using ContainerCd.Runtime.Scm;

namespace ContainerCd.Server.Storage;

/// <summary>
/// What builds checked out: one revision per repository and branch (where the next build's
/// <c>GIT_PREVIOUS_COMMIT</c> and changelog start), and each build's changes, oldest first, for pages to show.
/// </summary>
internal sealed partial class BuildStore
{
    /// <summary>Records the revisions and changes of a finished build (again: a later record replaces the earlier one).</summary>
    public void RecordScm(BuildSummary build)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (build.Revisions is not { Count: > 0 } && build.Changes is not { Count: > 0 })
        {
            return;
        }

        Write("DELETE FROM scm_revisions WHERE job = $job AND number = $n; DELETE FROM scm_changes WHERE job = $job AND number = $n;", ("$job", build.Job), ("$n", build.Number));
        foreach (var revision in build.Revisions ?? [])
        {
            Write(
                "INSERT INTO scm_revisions (job, number, url, branch, commit_id) VALUES ($job, $n, $url, $branch, $commit)",
                ("$job", build.Job), ("$n", build.Number), ("$url", revision.Url), ("$branch", revision.Branch), ("$commit", revision.Commit));
        }

        var position = 0;
        foreach (var change in build.Changes ?? [])
        {
            Write(
                """
                INSERT INTO scm_changes (job, number, position, commit_id, author_name, author_email, timestamp, message, paths)
                VALUES ($job, $n, $position, $commit, $author, $email, $timestamp, $message, $paths)
                """,
                ("$job", build.Job), ("$n", build.Number), ("$position", position++), ("$commit", change.Commit), ("$author", change.AuthorName),
                ("$email", change.AuthorEmail), ("$timestamp", change.AuthorTime.ToUnixTimeMilliseconds()), ("$message", change.Message),
                ("$paths", JsonSerializer.Serialize(change.Paths.Select(p => new StoredPath(p.Path, p.EditType.ToString().ToLowerInvariant())))));
        }
    }

    public async ValueTask<string?> GetLastBuiltCommitAsync(string job, int beforeNumber, string url, string branch, bool successfulOnly, CancellationToken cancellationToken = default)
    {
        using var connection = OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText =
            """
            SELECT r.commit_id FROM scm_revisions r JOIN builds b ON b.job = r.job AND b.number = r.number
            WHERE r.job = $job AND r.url = $url AND r.branch = $branch AND r.number < $n AND b.status = 'FINISHED'
              AND ($successful = 0 OR b.result = 'SUCCESS')
            ORDER BY r.number DESC LIMIT 1
            """;
        command.Parameters.AddWithValue("$job", job);
        command.Parameters.AddWithValue("$url", url);
        command.Parameters.AddWithValue("$branch", branch);
        command.Parameters.AddWithValue("$n", beforeNumber);
        command.Parameters.AddWithValue("$successful", successfulOnly ? 1 : 0);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    /// <summary>The revisions a build checked out.</summary>
    public IReadOnlyList<ScmRevision> GetRevisions(string job, int number)
    {
        using var connection = OpenReader();
        using var command = Query(connection, "SELECT url, branch, commit_id FROM scm_revisions WHERE job = $job AND number = $n ORDER BY url, branch", job, number);
        using var reader = command.ExecuteReader();
        var revisions = new List<ScmRevision>();
        while (reader.Read())
        {
            revisions.Add(new ScmRevision(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return revisions;
    }

    /// <summary>A build's changes since the previous build, oldest first (author only: the committer is not kept).</summary>
    public IReadOnlyList<GitCommitInfo> GetChanges(string job, int number)
    {
        using var connection = OpenReader();
        using var command = Query(connection, "SELECT commit_id, author_name, author_email, timestamp, message, paths FROM scm_changes WHERE job = $job AND number = $n ORDER BY position", job, number);
        using var reader = command.ExecuteReader();
        var changes = new List<GitCommitInfo>();
        while (reader.Read())
        {
            var time = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3));
            var paths = JsonSerializer.Deserialize<List<StoredPath>>(reader.GetString(5)) ?? [];
            changes.Add(new GitCommitInfo(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), time, reader.GetString(1), reader.GetString(2), time, reader.GetString(4),
                [.. paths.Select(p => new GitChangedPath(p.Path, Enum.Parse<GitEditType>(p.EditType, ignoreCase: true)))]));
        }

        return changes;
    }

    private sealed record StoredPath(string Path, string EditType);
}
