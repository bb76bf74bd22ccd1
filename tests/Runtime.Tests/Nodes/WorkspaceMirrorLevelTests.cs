using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Nodes;

namespace ContainerCd.Runtime.Tests.Nodes;

/// <summary>
/// When a remote node's mirror syncs: a pull only when a step on the node ended since the last pull began, a push only
/// when something here was said changed since the last push began, and a step or writer that ends while a sync runs
/// makes the next one sync again. Folders only: nothing here moves a file over the API, so the engine is never asked.
/// </summary>
public sealed class WorkspaceMirrorLevelTests : IDisposable
{
    private const string Marker = "81a4 0 2026-12-06 05:55:01.1 +0000 2026-12-06 05:55:01.1 +0000 /ws@tmp/.containercd-listing\n";
    private readonly string _workspace = Directory.CreateTempSubdirectory("containercd-mirror-level-").FullName;
    private readonly DockerEngine _engine = DockerEngine.Create(new DockerEndpoint(new Uri("unix:///nonexistent/containercd-mirror-test.sock"), FromEnvironment: false), null);
    private int _listed;
    private string _nodeListing = Listing();
    private Action? _whileListing;
    private TaskCompletionSource? _listingHeld;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LevelAsync_NoStepEndedOnTheNode_ListsNothing()
    {
        // Given a mirror just sent to the node
        using var mirror = new WorkspaceMirror(_engine, "container", _workspace, ListAsync);
        await mirror.PushAsync(_ => Task.CompletedTask, Token);

        // When it is levelled twice
        await mirror.LevelAsync(Token);
        await mirror.LevelAsync(Token);

        // Then the node was not asked
        Assert.Equal(0, _listed);
        Assert.Equal(0, mirror.Pulls);
    }

    [Fact]
    public async Task LevelAsync_AfterSteps_ListsOnceAndTakesWhatTheyMade()
    {
        // Given three steps that ended on the node, the last one making a folder
        using var mirror = new WorkspaceMirror(_engine, "container", _workspace, ListAsync);
        mirror.StepEnded();
        mirror.StepEnded();
        mirror.StepEnded();
        _nodeListing = Listing("out");

        // When it is levelled, then levelled again
        await mirror.LevelAsync(Token);
        await mirror.LevelAsync(Token);

        // Then one listing brought the folder here
        Assert.Equal(1, _listed);
        Assert.True(Directory.Exists(Path.Combine(_workspace, "out")));
        Assert.False(mirror.NodeMayBeAhead);
    }

    [Fact]
    public async Task LevelAsync_StepEndingWhileAPullLists_LevelsAgainAfter()
    {
        // Given a step that ended, and a parallel branch's step that ends (having made a folder) while the pull lists
        using var mirror = new WorkspaceMirror(_engine, "container", _workspace, ListAsync);
        mirror.StepEnded();
        _whileListing = () =>
        {
            _whileListing = null;
            mirror.StepEnded();
            _nodeListing = Listing("late");
        };

        // When it is levelled, then levelled again
        await mirror.LevelAsync(Token);
        var aheadAfterFirst = mirror.NodeMayBeAhead;
        await mirror.LevelAsync(Token);

        // Then the first pull did not count the late step as seen: the second took its folder
        Assert.True(aheadAfterFirst);
        Assert.Equal(2, _listed);
        Assert.True(Directory.Exists(Path.Combine(_workspace, "late")));
    }

    [Fact]
    public async Task LevelAsync_TwoBranchesAtOnce_ListOnce()
    {
        // Given a step that ended on the node
        using var mirror = new WorkspaceMirror(_engine, "container", _workspace, ListAsync);
        mirror.StepEnded();

        // When two branches level at once: the second asks while the first's listing is on its way
        _listingHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = mirror.LevelAsync(Token);
        var second = mirror.LevelAsync(Token);
        _listingHeld.SetResult();
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30), Token);

        // Then the one that waited found the mirror level
        Assert.Equal(1, _listed);
    }

    [Fact]
    public async Task SendChangesAsync_NothingSaidChangedHere_ScansNothing()
    {
        // Given a mirror sent at the start, and a folder made here that nothing said changed
        using var mirror = new WorkspaceMirror(_engine, "container", _workspace, ListAsync);
        await mirror.PushAsync(_ => Task.CompletedTask, Token);
        Directory.CreateDirectory(Path.Combine(_workspace, "unsaid"));

        // When steps on the node ask for what changed here
        await mirror.SendChangesAsync(_ => Task.CompletedTask, Token);
        await mirror.SendChangesAsync(_ => Task.CompletedTask, Token);

        // Then no push ran (a push would have sent the folder, over an engine that is not there)
        Assert.Equal(1, mirror.Pushes);
    }

    [Fact]
    public async Task SendChangesAsync_ChangedHereWhileAPushRuns_PushesAgainNextTime()
    {
        // Given a folder the node has, deleted here and said changed
        using var mirror = new WorkspaceMirror(_engine, "container", _workspace, ListAsync);
        mirror.StepEnded();
        _nodeListing = Listing("gone", "later");
        await mirror.LevelAsync(Token);
        Directory.Delete(Path.Combine(_workspace, "gone"));
        mirror.ChangedHere();

        // When a writer here deletes another folder and says so while the push runs (after its scan)
        var removed = new List<string>();
        await mirror.SendChangesAsync(paths =>
        {
            removed.AddRange(paths);
            if (removed.Count == 1)
            {
                Directory.Delete(Path.Combine(_workspace, "later"));
                mirror.ChangedHere();
            }

            return Task.CompletedTask;
        }, Token);
        await mirror.SendChangesAsync(paths =>
        {
            removed.AddRange(paths);
            return Task.CompletedTask;
        }, Token);
        await mirror.SendChangesAsync(_ => throw new InvalidOperationException("nothing said changed since"), Token);

        // Then the next step's push sent that deletion too, and the one after pushed nothing
        Assert.Equal(["gone", "later"], removed);
        Assert.Equal(2, mirror.Pushes);
    }

    /// <summary>The node's side: the mirror asks it for a listing (the only script it runs here).</summary>
    private async Task<(int ExitCode, string? Output)> ListAsync(string script, CancellationToken cancellationToken)
    {
        Assert.Contains("find . -exec stat", script, StringComparison.Ordinal);
        _listed++;
        var output = _nodeListing;
        _whileListing?.Invoke();
        if (_listingHeld is { } held)
        {
            await held.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        return (0, output);
    }

    private static string Listing(params string[] folders) =>
        Marker + string.Concat(folders.Select(f => $"41ed 4096 2026-12-06 05:55:00.5 +0000 2026-12-06 05:55:00.5 +0000 ./{f}\n")) + "@@containercd-listing-end\n";

    public void Dispose()
    {
        _engine.Dispose();
        Directory.Delete(_workspace, recursive: true);
    }
}
