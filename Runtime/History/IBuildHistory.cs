namespace ContainerCd.Runtime.History;

/// <summary>
/// What the engine needs to know about a job's earlier builds: the next build number and the
/// previous completed build (for <c>post { changed / fixed / regression }</c> and
/// <c>currentBuild.previousBuild</c>), the commits earlier builds checked out, and the builds <c>buildDiscarder</c> looks at and deletes. The server's
/// SQLite store implements it; tests use a fake.
/// </summary>
public interface IBuildHistory
{
    /// <summary>Reserves and returns the next build number of a job (1 for its first build).</summary>
    ValueTask<int> AllocateBuildNumberAsync(string job, CancellationToken cancellationToken = default);

    /// <summary>The latest completed build of the job numbered below <paramref name="beforeNumber"/>, or null.</summary>
    ValueTask<BuildSummary?> GetPreviousCompletedBuildAsync(string job, int beforeNumber, CancellationToken cancellationToken = default);

    /// <summary>
    /// The commit the latest completed build numbered below <paramref name="beforeNumber"/> checked out of the
    /// repository (<see cref="ScmRevision.Url"/>) and branch, among successful builds only when
    /// <paramref name="successfulOnly"/>; null when none did (Jenkins' <c>GIT_PREVIOUS_COMMIT</c> and
    /// <c>GIT_PREVIOUS_SUCCESSFUL_COMMIT</c>, and where a changelog starts).
    /// </summary>
    ValueTask<string?> GetLastBuiltCommitAsync(string job, int beforeNumber, string url, string branch, bool successfulOnly, CancellationToken cancellationToken = default);

    /// <summary>Records how a build ended (with the commits it checked out and its changes), so that the next build sees it.</summary>
    ValueTask RecordCompletedAsync(BuildSummary build, CancellationToken cancellationToken = default);

    /// <summary>The job's started builds, newest first (queued ones are not builds yet), for the build discarder.</summary>
    ValueTask<IReadOnlyList<BuildListing>> ListBuildsAsync(string job, CancellationToken cancellationToken = default);

    /// <summary>Forgets a build (the discarder deleted it): its record and everything recorded about it.</summary>
    ValueTask DeleteBuildAsync(string job, int number, CancellationToken cancellationToken = default);
}
