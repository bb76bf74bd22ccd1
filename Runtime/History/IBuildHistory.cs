namespace ContainerCd.Runtime.History;

/// <summary>
/// What the engine needs to know about a job's earlier builds: the next build number and the
/// previous completed build (for <c>post { changed / fixed / regression }</c> and
/// <c>currentBuild.previousBuild</c>), and the builds <c>buildDiscarder</c> looks at and deletes. The server's
/// SQLite store implements it; tests use a fake.
/// </summary>
public interface IBuildHistory
{
    /// <summary>Reserves and returns the next build number of a job (1 for its first build).</summary>
    ValueTask<int> AllocateBuildNumberAsync(string job, CancellationToken cancellationToken = default);

    /// <summary>The latest completed build of the job numbered below <paramref name="beforeNumber"/>, or null.</summary>
    ValueTask<BuildSummary?> GetPreviousCompletedBuildAsync(string job, int beforeNumber, CancellationToken cancellationToken = default);

    /// <summary>Records how a build ended, so that the next build sees it.</summary>
    ValueTask RecordCompletedAsync(BuildSummary build, CancellationToken cancellationToken = default);

    /// <summary>The job's started builds, newest first (queued ones are not builds yet), for the build discarder.</summary>
    ValueTask<IReadOnlyList<BuildListing>> ListBuildsAsync(string job, CancellationToken cancellationToken = default);

    /// <summary>Forgets a build (the discarder deleted it): its record and everything recorded about it.</summary>
    ValueTask DeleteBuildAsync(string job, int number, CancellationToken cancellationToken = default);
}
