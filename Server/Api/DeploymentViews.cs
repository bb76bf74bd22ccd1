using ContainerCd.Server.Storage;

namespace ContainerCd.Server.Api;

/// <summary>A deployment as the API gives it: what one build did to one Compose project. See docs/api.md.</summary>
internal sealed record DeploymentView(
    string Project, string Job, int Number, string BuildUrl, string Strategy, string Result, DateTimeOffset StartedAt, DateTimeOffset LastChangedAt,
    IReadOnlyDictionary<string, int> Weights, IReadOnlyDictionary<string, string> ImageDigests,
    IReadOnlyList<DeploymentPhaseView> Phases, IReadOnlyList<WeightsAt> WeightsTimeline)
{
    public static DeploymentView Of(DeploymentRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var timeline = new List<WeightsAt>();
        foreach (var e in record.Events)
        {
            if (timeline.Count == 0 || !SameWeights(timeline[^1].Weights, e.Weights))
            {
                timeline.Add(new WeightsAt(e.Timestamp, e.Weights));
            }
        }

        return new DeploymentView(
            record.Project, record.Job, record.Number, JenkinsJobPaths.Url(record.Job) + record.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) + "/",
            record.Strategy, record.Result, record.StartedAt, record.LastChangedAt, record.Weights, record.ImageDigests,
            [.. record.Events.Select(e => new DeploymentPhaseView(e.Phase, e.Timestamp, e.StageId, e.Message))], timeline);
    }

    private static bool SameWeights(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b) =>
        a.Count == b.Count && a.All(w => b.TryGetValue(w.Key, out var other) && other == w.Value);
}

/// <summary>One event of a deployment: its phase, when, in which stage, and its message.</summary>
internal sealed record DeploymentPhaseView(string Phase, DateTimeOffset At, string? StageId, string? Message);

/// <summary>The traffic weights per pool from <see cref="At"/> on.</summary>
internal sealed record WeightsAt(DateTimeOffset At, IReadOnlyDictionary<string, int> Weights);

/// <summary><c>GET /api/deployments</c>: a project, the weights its last deployment event left, and that deployment.</summary>
internal sealed record DeploymentProjectView(string Project, IReadOnlyDictionary<string, int> CurrentWeights, DeploymentView Latest);

/// <summary><c>GET /api/deployments/{project}</c>: the project's current weights and its deployments, newest first.</summary>
internal sealed record DeploymentHistoryView(string Project, IReadOnlyDictionary<string, int> CurrentWeights, IReadOnlyList<DeploymentView> Deployments);

/// <summary>
/// <c>GET /api/deployments/{project}/routes</c>: the router's routes for the project as it serves them now, or
/// <see cref="RouterRunning"/> false (with why) when there is no router to ask.
/// </summary>
internal sealed record ProjectRoutesView(string Project, bool RouterRunning, string? Error, IReadOnlyList<RouteView> Routes);

/// <summary>One published port of a project's service: its pools with their weights and backends.</summary>
internal sealed record RouteView(string Service, int PublicPort, IReadOnlyList<PoolView> Pools);

internal sealed record PoolView(string Name, int Weight, IReadOnlyList<BackendView> Backends);

internal sealed record BackendView(string Address, bool Healthy, long InFlight, long Served);
