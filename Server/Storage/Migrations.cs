using Microsoft.Data.Sqlite;

namespace ContainerCd.Server.Storage;

/// <summary>
/// The one schema of the server's SQLite database, as an ordered list of migrations; the database's
/// <c>PRAGMA user_version</c> says how many have been applied. Append new steps; never edit old ones.
/// </summary>
internal static class Migrations
{
    private static readonly string[] Steps =
    [
        """
        CREATE TABLE IF NOT EXISTS jobs (
            name TEXT PRIMARY KEY,
            next_number INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE IF NOT EXISTS builds (
            job TEXT NOT NULL,
            number INTEGER NOT NULL,
            status TEXT NOT NULL,
            result TEXT,
            cause TEXT NOT NULL DEFAULT '',
            parameters TEXT NOT NULL DEFAULT '{}',
            queued_at INTEGER NOT NULL,
            started_at INTEGER,
            duration_ms INTEGER,
            last_sequence INTEGER NOT NULL DEFAULT 0,
            display_name TEXT,
            description TEXT,
            PRIMARY KEY (job, number)
        );
        CREATE INDEX IF NOT EXISTS builds_status ON builds(status);
        CREATE TABLE IF NOT EXISTS stages (
            job TEXT NOT NULL,
            number INTEGER NOT NULL,
            stage_id TEXT NOT NULL,
            parent_id TEXT,
            path TEXT NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            started_at INTEGER,
            duration_ms INTEGER,
            skip_reason TEXT,
            sequence INTEGER NOT NULL,
            PRIMARY KEY (job, number, stage_id)
        );
        CREATE TABLE IF NOT EXISTS steps (
            job TEXT NOT NULL,
            number INTEGER NOT NULL,
            step_id TEXT NOT NULL,
            stage_id TEXT,
            name TEXT NOT NULL,
            description TEXT,
            status TEXT NOT NULL,
            started_at INTEGER NOT NULL,
            duration_ms INTEGER,
            error TEXT,
            PRIMARY KEY (job, number, step_id)
        );
        CREATE TABLE IF NOT EXISTS test_cases (
            job TEXT NOT NULL,
            number INTEGER NOT NULL,
            stage_id TEXT,
            suite TEXT NOT NULL,
            class_name TEXT NOT NULL,
            name TEXT NOT NULL,
            status TEXT NOT NULL,
            duration_ms INTEGER NOT NULL,
            message TEXT
        );
        CREATE INDEX IF NOT EXISTS test_cases_build ON test_cases(job, number);
        CREATE TABLE IF NOT EXISTS inputs (
            job TEXT NOT NULL,
            number INTEGER NOT NULL,
            input_id TEXT NOT NULL,
            stage_id TEXT,
            message TEXT NOT NULL,
            ok TEXT NOT NULL,
            submitter TEXT,
            parameters TEXT NOT NULL DEFAULT '[]',
            state TEXT NOT NULL,
            answered_by TEXT,
            PRIMARY KEY (job, number, input_id)
        );
        """,
        """
        CREATE TABLE IF NOT EXISTS scm_revisions (
            job TEXT NOT NULL,
            number INTEGER NOT NULL,
            url TEXT NOT NULL,
            branch TEXT NOT NULL,
            commit_id TEXT NOT NULL,
            PRIMARY KEY (job, number, url, branch)
        );
        CREATE INDEX IF NOT EXISTS scm_revisions_branch ON scm_revisions(job, url, branch, number);
        CREATE TABLE IF NOT EXISTS scm_changes (
            job TEXT NOT NULL,
            number INTEGER NOT NULL,
            position INTEGER NOT NULL,
            commit_id TEXT NOT NULL,
            author_name TEXT NOT NULL,
            author_email TEXT NOT NULL,
            timestamp INTEGER NOT NULL,
            message TEXT NOT NULL,
            paths TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (job, number, position)
        );
        """,
        """
        ALTER TABLE builds ADD COLUMN cause_json TEXT;
        """,
        """
        CREATE TABLE IF NOT EXISTS job_triggers (
            job TEXT PRIMARY KEY,
            triggers TEXT NOT NULL
        );
        """,
        """
        CREATE TABLE IF NOT EXISTS branch_jobs (
            parent TEXT NOT NULL,
            ref_name TEXT NOT NULL,
            kind TEXT NOT NULL,
            is_primary INTEGER NOT NULL,
            retired INTEGER NOT NULL,
            PRIMARY KEY (parent, ref_name, kind)
        );
        """,
        """
        CREATE TABLE IF NOT EXISTS job_definitions (
            name TEXT PRIMARY KEY,
            definition TEXT NOT NULL
        );
        """,
        """
        ALTER TABLE test_cases ADD COLUMN stack_trace TEXT;
        ALTER TABLE test_cases ADD COLUMN stdout TEXT;
        ALTER TABLE test_cases ADD COLUMN stderr TEXT;
        ALTER TABLE test_cases ADD COLUMN flaky_failures INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE test_cases ADD COLUMN previous_status TEXT;
        ALTER TABLE test_cases ADD COLUMN failed_since INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX IF NOT EXISTS test_cases_case ON test_cases(job, class_name, name, number);
        """,
        """
        CREATE TABLE coverage (
            job TEXT NOT NULL,
            number INTEGER NOT NULL,
            sequence INTEGER NOT NULL,
            tool TEXT NOT NULL,
            lines_covered INTEGER NOT NULL,
            lines_total INTEGER NOT NULL,
            branches_covered INTEGER NOT NULL,
            branches_total INTEGER NOT NULL,
            PRIMARY KEY (job, number, sequence)
        );
        """,
        "ALTER TABLE coverage ADD COLUMN recorder TEXT NOT NULL DEFAULT 'recordCoverage';",
        """
        CREATE TABLE test_totals (
            job TEXT NOT NULL,
            number INTEGER NOT NULL,
            total INTEGER NOT NULL,
            failed INTEGER NOT NULL,
            skipped INTEGER NOT NULL,
            PRIMARY KEY (job, number)
        );
        INSERT INTO test_totals (job, number, total, failed, skipped)
        SELECT job, number, COUNT(*), SUM(status = 'FAILED'), SUM(status = 'SKIPPED') FROM test_cases GROUP BY job, number;
        """,
        """
        CREATE TABLE deployment_events (
            job TEXT NOT NULL,
            number INTEGER NOT NULL,
            sequence INTEGER NOT NULL,
            timestamp INTEGER NOT NULL,
            stage_id TEXT,
            project TEXT NOT NULL,
            phase TEXT NOT NULL,
            strategy TEXT NOT NULL,
            weights TEXT NOT NULL,
            image_digests TEXT NOT NULL,
            message TEXT,
            PRIMARY KEY (job, number, sequence)
        );
        CREATE INDEX deployment_events_project ON deployment_events(project, timestamp);
        """,
        """
        CREATE TABLE IF NOT EXISTS change_requests (
            parent TEXT NOT NULL,
            name TEXT NOT NULL,
            details TEXT NOT NULL,
            PRIMARY KEY (parent, name)
        );
        """,
        // The Tests tab counts a build's cases by status, stage and suite and pages through each such group in the
        // order they were recorded: this index serves both (rowid is its last column) and every (job, number) look-up.
        """
        DROP INDEX IF EXISTS test_cases_build;
        CREATE INDEX test_cases_view ON test_cases(job, number, status, stage_id, suite);
        """,
    ];

    public static int Latest => Steps.Length;

    public static void Apply(SqliteConnection connection)
    {
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(pragma.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        for (var step = version; step < Steps.Length; step++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Steps[step] + $"\nPRAGMA user_version = {step + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }
}
