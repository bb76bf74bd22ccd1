using System.Collections.Concurrent;
using ContainerCd.Server.Webhooks;

namespace ContainerCd.Server.Tests.Support;

/// <summary>Repository jobs for request-side tests: a fixed list, and a record of the pushes and commit builds delivered to it.</summary>
internal sealed class RecordingRepositoryJobs(params RepositoryJob[] jobs) : IRepositoryJobs
{
    public ConcurrentQueue<(string Job, GitPush Push)> Pushes { get; } = new();

    public ConcurrentQueue<(string Job, string Sha1)> Commits { get; } = new();

    public static RepositoryJob Job(string name, string url, string? secret, params string[] branches) =>
        new(name, url, [.. branches], secret is null ? null : new SecretText(secret));

    public IReadOnlyList<RepositoryJob> All() => jobs;

    public IReadOnlyList<string> Pushed(RepositoryJob job, GitPush push)
    {
        Pushes.Enqueue((job.Name, push));
        return [$"Scheduled {job.Name} for {push.Ref}"];
    }

    public ConcurrentQueue<(string Job, GitChangeRequestEvent Change)> ChangeRequests { get; } = new();

    public IReadOnlyList<string> ChangeRequested(RepositoryJob job, GitChangeRequestEvent change)
    {
        ChangeRequests.Enqueue((job.Name, change));
        return [$"Scheduled indexing of {job.Name}"];
    }

    public ConcurrentQueue<string> Indexed { get; } = new();

    public void Index(RepositoryJob job) => Indexed.Enqueue(job.Name);

    public bool BuildCommit(RepositoryJob job, string sha1)
    {
        Commits.Enqueue((job.Name, sha1));
        return true;
    }
}
