namespace ContainerCd.Server.Storage;

/// <summary>A build as the server stores it. <see cref="Status"/> is QUEUED, RUNNING or FINISHED; <see cref="Result"/> is a Jenkins result name once finished.</summary>
internal sealed record BuildRecord(
    string Job,
    int Number,
    string Status,
    string? Result,
    ContainerCd.Runtime.Pipeline.BuildCause Cause,
    IReadOnlyDictionary<string, string> Parameters,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    long? DurationMillis,
    long LastSequence,
    string? DisplayName = null,
    string? Description = null)
{
    public string BuildId => BuildIds.Format(Job, Number);

    public bool Building => Status != BuildStatuses.Finished;
}

/// <summary>The values of <see cref="BuildRecord.Status"/>.</summary>
internal static class BuildStatuses
{
    public const string Queued = "QUEUED";
    public const string Running = "RUNNING";
    public const string Finished = "FINISHED";
}
