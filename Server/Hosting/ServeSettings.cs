namespace ContainerCd.Server.Hosting;

/// <summary>
/// How <c>containercd serve</c> runs: where it listens, its home folder (database, logs, workspaces,
/// <c>jobs/</c>), the config file, how many builds run at once, and the API token (required, and
/// generated when not given, when listening beyond loopback).
/// </summary>
internal sealed record ServeSettings(
    string Urls,
    string Home,
    string? ConfigFile = null,
    int Executors = 2,
    string? Token = null)
{
    /// <summary>How much recent output each running build keeps in memory for live subscribers (older output is read from disk).</summary>
    public long LiveWindowBytes { get; init; } = Live.BuildStream.DefaultWindowBytes;

    /// <summary>A subscriber further behind a running build than this much log is told to resync (and its subscription ends).</summary>
    public long MaxSubscriberLagBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>After aborting builds left by a previous process, sweep the Docker resources dead containercd processes left.</summary>
    public bool SweepContainersOnRecovery { get; init; } = true;

    /// <summary>How often the remote engines with no running work are asked whether they answer (the Nodes page's state).</summary>
    public TimeSpan NodeCheckInterval { get; init; } = TimeSpan.FromSeconds(10);

    public const string DefaultUrls = "http://127.0.0.1:8080";
}
