namespace ContainerCd.Server.Storage;

/// <summary>One deployment event as stored: the build that made it and what it says.</summary>
internal sealed record DeploymentEventRow(
    string Job, int Number, long Sequence, DateTimeOffset Timestamp, string? StageId, string Project, string Phase, string Strategy,
    IReadOnlyDictionary<string, int> Weights, IReadOnlyDictionary<string, string> ImageDigests, string? Message);

/// <summary>
/// What one build did to one Compose project: its events in order, read as a deployment with a strategy, the images it
/// deployed, its phases with their times, the weights over time and its result.
/// </summary>
internal sealed record DeploymentRecord(string Project, string Job, int Number, IReadOnlyList<DeploymentEventRow> Events)
{
    /// <summary>The phases that end a deployment; before one of them it is <c>inProgress</c>.</summary>
    private static readonly HashSet<string> Ending = new(StringComparer.Ordinal) { "succeeded", "failed", "promoted", "rolledBack", "removed" };

    /// <summary>The strategy the first event that names one gives (<c>setTrafficWeights</c> alone may name none).</summary>
    public string Strategy => Events.Select(e => e.Strategy).FirstOrDefault(s => s.Length > 0) ?? string.Empty;

    public DateTimeOffset StartedAt => Events[0].Timestamp;

    public DateTimeOffset LastChangedAt => Events[^1].Timestamp;

    /// <summary>The last ending phase (<c>succeeded</c>, <c>failed</c>, <c>promoted</c>, <c>rolledBack</c>, <c>removed</c>), or <c>inProgress</c>.</summary>
    public string Result => Events.LastOrDefault(e => Ending.Contains(e.Phase))?.Phase ?? "inProgress";

    /// <summary>The weights after the last event.</summary>
    public IReadOnlyDictionary<string, int> Weights => Events[^1].Weights;

    /// <summary>Every image the deployment named, with its last digest.</summary>
    public IReadOnlyDictionary<string, string> ImageDigests
    {
        get
        {
            var digests = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var (image, digest) in Events.SelectMany(e => e.ImageDigests))
            {
                digests[image] = digest;
            }

            return digests;
        }
    }
}
