namespace ContainerCd.Server.Storage;

/// <summary>
/// Where the server keeps things under its home folder: <c>containercd.db</c> (SQLite), and per build
/// <c>builds/{job}/{number}/log</c> (the console text, appended as produced) and
/// <c>builds/{job}/{number}/events.jsonl</c> (the event journal, see <see cref="EventJournal"/>).
/// </summary>
internal sealed class BuildPaths(string home)
{
    public string Home { get; } = Path.GetFullPath(home);

    public string Database => Path.Combine(Home, "containercd.db");

    public string JobsFolder => Path.Combine(Home, "jobs");

    public string WorkspacesFolder => Path.Combine(Home, "workspace");

    public string BuildFolder(string job, int number) => Path.Combine(Home, "builds", job, number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string LogFile(string job, int number) => Path.Combine(BuildFolder(job, number), "log");

    public string JournalFile(string job, int number) => Path.Combine(BuildFolder(job, number), "events.jsonl");

    /// <summary>Where archiveArtifacts copied the build's files (the runtime's <c>BuildContext.ArtifactRoot</c>).</summary>
    public ServedFolder Artifacts(string job, int number) => new(Path.Combine(Home, "artifacts", job, number.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>The folder of a job's HTML reports (publishHTML), one folder per build, see <see cref="Report"/>.</summary>
    public string ReportsFolder(string job) => Path.Combine(Home, "reports", job);

    /// <summary>Where publishHTML copied a build's report of that URL name (the runtime's <c>BuildContext.ReportRoot</c>).</summary>
    public ServedFolder Report(string job, int number, string urlName) =>
        new(Path.Combine(ReportsFolder(job), number.ToString(System.Globalization.CultureInfo.InvariantCulture), urlName));

    public string Workspace(string job) => Path.Combine(WorkspacesFolder, job);
}
