using System.Collections.Concurrent;
using ContainerCd.Runtime.History;

namespace ContainerCd.Runtime.Testing;

/// <summary>Build history kept in memory, for tests and one-off runs.</summary>
public sealed class InMemoryBuildHistory : IBuildHistory
{
    private readonly ConcurrentDictionary<string, int> _numbers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Job, int Number), BuildSummary> _builds = new();

    public ValueTask<int> AllocateBuildNumberAsync(string job, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_numbers.AddOrUpdate(job, 1, (_, n) => n + 1));

    public ValueTask<BuildSummary?> GetPreviousCompletedBuildAsync(string job, int beforeNumber, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_builds.Values.Where(b => b.Job == job && b.Number < beforeNumber).OrderByDescending(b => b.Number).FirstOrDefault());

    public ValueTask<string?> GetLastBuiltCommitAsync(string job, int beforeNumber, string url, string branch, bool successfulOnly, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_builds.Values
            .Where(b => b.Job == job && b.Number < beforeNumber && (!successfulOnly || b.Result == Results.BuildResult.Success))
            .OrderByDescending(b => b.Number)
            .SelectMany(b => (b.Revisions ?? []).Where(r => r.Url == url && r.Branch == branch))
            .FirstOrDefault()?.Commit);

    public ValueTask RecordCompletedAsync(BuildSummary build, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(build);
        _builds[(build.Job, build.Number)] = build;
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<BuildListing>> ListBuildsAsync(string job, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<IReadOnlyList<BuildListing>>(
            [.. _builds.Values.Where(b => b.Job == job).OrderByDescending(b => b.Number).Select(b => new BuildListing(b.Number, b.StartedAt, b.Result))]);

    public ValueTask DeleteBuildAsync(string job, int number, CancellationToken cancellationToken = default)
    {
        _builds.TryRemove((job, number), out _);
        return ValueTask.CompletedTask;
    }
}
