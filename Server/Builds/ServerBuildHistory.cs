using ContainerCd.Runtime.History;
using ContainerCd.Server.Storage;

namespace ContainerCd.Server.Builds;

/// <summary>
/// The history the engine sees in the server. A build counts as finished (for the API, <c>building: false</c>)
/// only once its BuildFinished event is recorded, after its whole log; so the engine's
/// <see cref="RecordCompletedAsync"/> keeps only the display name, the description and what the build checked out here.
/// </summary>
internal sealed class ServerBuildHistory(BuildStore store) : IBuildHistory
{
    public ValueTask<int> AllocateBuildNumberAsync(string job, CancellationToken cancellationToken = default) =>
        store.AllocateBuildNumberAsync(job, cancellationToken);

    public ValueTask<BuildSummary?> GetPreviousCompletedBuildAsync(string job, int beforeNumber, CancellationToken cancellationToken = default) =>
        store.GetPreviousCompletedBuildAsync(job, beforeNumber, cancellationToken);

    public ValueTask RecordCompletedAsync(BuildSummary build, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        store.UpdateDisplay(build.Job, build.Number, build.DisplayName, build.Description);
        store.RecordScm(build);
        return ValueTask.CompletedTask;
    }

    public ValueTask<string?> GetLastBuiltCommitAsync(string job, int beforeNumber, string url, string branch, bool successfulOnly, CancellationToken cancellationToken = default) =>
        store.GetLastBuiltCommitAsync(job, beforeNumber, url, branch, successfulOnly, cancellationToken);

    public ValueTask<IReadOnlyList<BuildListing>> ListBuildsAsync(string job, CancellationToken cancellationToken = default) =>
        store.ListBuildsAsync(job, cancellationToken);

    public ValueTask DeleteBuildAsync(string job, int number, CancellationToken cancellationToken = default) =>
        store.DeleteBuildAsync(job, number, cancellationToken);
}
