using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Nodes;

namespace ContainerCd.Runtime.Tests.Nodes;

/// <summary>
/// Which listing a remote node's mirror trusts after a step: the one the step's own shell printed after it (no second
/// round trip), unless another sync ran since the step's push (a parallel branch's push or pull), which that listing,
/// taken before, may not show. Folders only: nothing here moves a file over the API, so the engine is never asked.
/// </summary>
public sealed class WorkspaceMirrorListingTests : IDisposable
{
    private const string Marker = "81a4 0 2026-12-06 05:55:01.1 +0000 2026-12-06 05:55:01.1 +0000 /ws@tmp/.containercd-listing\n";
    private readonly string _workspace = Directory.CreateTempSubdirectory("containercd-mirror-listing-").FullName;
    private readonly DockerEngine _engine = DockerEngine.Create(new DockerEndpoint(new Uri("unix:///nonexistent/containercd-mirror-test.sock"), FromEnvironment: false), null);
    private int _listed;
    private string _nodeListing = Listing();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PullAsync_NoSyncSinceThePush_UsesTheStepsOwnListing()
    {
        // Given a mirror whose push before a step sent nothing
        using var mirror = new WorkspaceMirror(_engine, "container", _workspace, ListAsync);
        var ticket = await mirror.PushAsync(_ => Task.CompletedTask, Token);

        // When the step's own listing shows a new folder
        await mirror.PullAsync(ticket, (0, Listing("out")), Token);

        // Then it is made here, and the node was not asked for another listing
        Assert.True(Directory.Exists(Path.Combine(_workspace, "out")));
        Assert.Equal(0, _listed);
    }

    [Fact]
    public async Task PullAsync_ParallelPushSinceThePush_ListsAgain()
    {
        // Given a folder synced from the node, a step's push, then (a parallel branch) the folder deleted here and that pushed
        using var mirror = new WorkspaceMirror(_engine, "container", _workspace, ListAsync);
        _nodeListing = Listing("gone");
        await mirror.PullAsync(0, null, Token);
        var ticket = await mirror.PushAsync(_ => Task.CompletedTask, Token);
        Directory.Delete(Path.Combine(_workspace, "gone"));
        var removed = new List<string>();
        await mirror.PushAsync(paths =>
        {
            removed.AddRange(paths);
            return Task.CompletedTask;
        }, Token);

        // When the step's own listing, taken before that deletion, still shows it
        _nodeListing = Listing();
        await mirror.PullAsync(ticket, (0, Listing("gone")), Token);

        // Then the node is listed again and the folder stays deleted here
        Assert.Equal(["gone"], removed);
        Assert.Equal(2, _listed);
        Assert.False(Directory.Exists(Path.Combine(_workspace, "gone")));
    }

    [Fact]
    public async Task PullAsync_ParallelPullSinceThePush_ListsAgain()
    {
        // Given two steps pushed (branches a and b), and b's pull took a newer listing with a folder b made
        using var mirror = new WorkspaceMirror(_engine, "container", _workspace, ListAsync);
        var a = await mirror.PushAsync(_ => Task.CompletedTask, Token);
        var b = await mirror.PushAsync(_ => Task.CompletedTask, Token);
        await mirror.PullAsync(b, (0, Listing("made-by-b")), Token);

        // When a's own listing, taken before b made it, comes after
        _nodeListing = Listing("made-by-b");
        await mirror.PullAsync(a, (0, Listing()), Token);

        // Then a's listing is not trusted (it would delete b's folder here): the node is listed again
        Assert.Equal(1, _listed);
        Assert.True(Directory.Exists(Path.Combine(_workspace, "made-by-b")));
    }

    /// <summary>The node's side: the mirror asks it for a listing (the only script it runs here).</summary>
    private Task<(int ExitCode, string? Output)> ListAsync(string script, CancellationToken cancellationToken)
    {
        Assert.Contains("find . -exec stat", script, StringComparison.Ordinal);
        _listed++;
        return Task.FromResult((0, (string?)_nodeListing));
    }

    private static string Listing(params string[] folders) =>
        Marker + string.Concat(folders.Select(f => $"41ed 4096 2026-12-06 05:55:00.5 +0000 2026-12-06 05:55:00.5 +0000 ./{f}\n")) + "@@containercd-listing-end\n";

    public void Dispose()
    {
        _engine.Dispose();
        Directory.Delete(_workspace, recursive: true);
    }
}
