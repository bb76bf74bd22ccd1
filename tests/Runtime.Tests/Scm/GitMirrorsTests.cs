using ContainerCd.Runtime.Scm;

namespace ContainerCd.Runtime.Tests.Scm;

/// <summary>The git core over real repositories: mirrors under the home, refs, files at a commit, changes between commits.</summary>
public sealed class GitMirrorsTests : IDisposable
{
    private readonly TestRepository _repository = new();
    private readonly string _home = Directory.CreateTempSubdirectory("ccd-home-").FullName;

    [Fact]
    public async Task Fetch_BareRemote_MirrorsBranchesTagsAndDefaultBranch()
    {
        // Given a remote with two branches, a light tag and an annotated tag
        var first = _repository.Commit("first", ("Jenkinsfile", "pipeline {}"), ("a.txt", "a"));
        _repository.Push();
        _repository.Tag("v1");
        _repository.Tag("v1-annotated", "release 1");
        _repository.Branch("feature/x");
        var feature = _repository.Commit("feature", ("b.txt", "b"));
        _repository.Push();

        // When
        var mirror = await new GitMirrors(_home).FetchAsync(GitRemote.Parse(_repository.Url), null, cancellationToken: TestContext.Current.CancellationToken);

        // Then
        Assert.StartsWith(Path.Combine(_home, "git"), mirror.RepositoryPath, StringComparison.Ordinal);
        var refs = mirror.ListRefs();
        Assert.Equal(
            ["branch feature/x " + feature, "branch main " + first, "tag v1 " + first, "tag v1-annotated " + first],
            refs.Select(r => $"{r.Kind.ToString().ToLowerInvariant()} {r.Name} {r.Commit}"));
        Assert.Equal("main", mirror.DefaultBranch);
        Assert.Equal("pipeline {}", mirror.ReadFile(first, "Jenkinsfile"));
        Assert.Null(mirror.ReadFile(first, "b.txt"));
        Assert.Equal("b", mirror.ReadFile(feature, "b.txt"));
    }

    [Theory]
    [InlineData("main")]
    [InlineData("*/main")]
    [InlineData("origin/main")]
    [InlineData("refs/heads/main")]
    [InlineData("ma*")]
    public async Task Resolve_BranchSpecifier_GivesTheBranchHead(string specifier)
    {
        // Given
        _repository.Commit("one", ("a.txt", "1"));
        var head = _repository.Commit("two", ("a.txt", "2"));
        _repository.Push();
        var mirror = await new GitMirrors(_home).FetchAsync(GitRemote.Parse(_repository.Url), null, cancellationToken: TestContext.Current.CancellationToken);

        // When
        var resolved = mirror.Resolve(specifier);

        // Then
        Assert.Equal(head, resolved?.Commit);
        Assert.Equal("main", resolved?.Ref?.Name);
    }

    [Fact]
    public async Task Resolve_TagCommitIdAndUnknown_AsGitDoes()
    {
        // Given
        var first = _repository.Commit("one", ("a.txt", "1"));
        _repository.Push();
        _repository.Tag("v1", "annotated");
        _repository.Commit("two", ("a.txt", "2"));
        _repository.Branch("other");
        _repository.Push();
        var mirror = await new GitMirrors(_home).FetchAsync(GitRemote.Parse(_repository.Url), null, cancellationToken: TestContext.Current.CancellationToken);

        // Then
        Assert.Equal(first, mirror.Resolve("v1")?.Commit);
        Assert.Equal(first, mirror.Resolve("refs/tags/v1")?.Commit);
        Assert.Equal(first, mirror.Resolve(first[..10])?.Commit);
        Assert.Null(mirror.Resolve("nope"));
        Assert.Contains("matches several branches (main, other)", Assert.Throws<GitException>(() => mirror.Resolve("*/*")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitsBetween_TwoBuilds_GivesTheNewCommitsOldestFirstWithTheirPaths()
    {
        // Given a first build's commit, then three commits (one a rename, one a delete)
        var built = _repository.Commit("base", ("a.txt", "a"), ("old.txt", "old"), ("gone.txt", "gone"));
        _repository.Commit("add js\n\nbody", ("web/app.js", "js"), ("a.txt", "a2"));
        TestRepository.Git(_repository.Work, "mv", "old.txt", "new.txt");
        _repository.Commit("rename");
        var head = _repository.Commit("delete", ("gone.txt", null));
        _repository.Push();
        var mirror = await new GitMirrors(_home).FetchAsync(GitRemote.Parse(_repository.Url), null, cancellationToken: TestContext.Current.CancellationToken);

        // When
        var commits = mirror.CommitsBetween(built, head)!;

        // Then
        Assert.Equal(["add js\n\nbody", "rename", "delete"], commits.Select(c => c.Message));
        Assert.Equal(head, commits[^1].Commit);
        Assert.Equal(["a.txt:Edit", "web/app.js:Add"], commits[0].Paths.Select(p => $"{p.Path}:{p.EditType}").Order());
        Assert.Equal(["new.txt:Edit"], commits[1].Paths.Select(p => $"{p.Path}:{p.EditType}"));
        Assert.Equal(["gone.txt:Delete"], commits[2].Paths.Select(p => $"{p.Path}:{p.EditType}"));
        Assert.Equal(("Ada Lovelace", "ada@example.invalid", "Charles Babbage"), (commits[0].AuthorName, commits[0].AuthorEmail, commits[0].CommitterName));
        Assert.Empty(mirror.CommitsBetween(head, head)!);
        Assert.Null(mirror.CommitsBetween(new string('1', 40), head));
    }

    [Fact]
    public async Task Fetch_AgainAfterAPush_BringsTheNewCommitAndPrunesDeletedBranches()
    {
        // Given a mirror fetched once, then a new commit on main and a deleted branch
        _repository.Commit("one", ("a.txt", "1"));
        _repository.Branch("short-lived");
        _repository.Push();
        var mirrors = new GitMirrors(_home);
        var remote = GitRemote.Parse(_repository.Url);
        await mirrors.FetchAsync(remote, null, cancellationToken: TestContext.Current.CancellationToken);
        _repository.Branch("main");
        var next = _repository.Commit("two", ("a.txt", "2"));
        _repository.Push();
        TestRepository.Git(_repository.Work, "push", "-q", "origin", "--delete", "short-lived");

        // When
        var mirror = await mirrors.FetchAsync(remote, null, cancellationToken: TestContext.Current.CancellationToken);

        // Then
        Assert.Equal(next, mirror.Resolve("main")?.Commit);
        Assert.DoesNotContain(mirror.ListRefs(), r => r.Name == "short-lived");
        Assert.Equal(mirror.RepositoryPath, mirrors.Open(remote)?.RepositoryPath);
    }

    [Fact]
    public async Task Fetch_ConcurrentBuildsOnOneMirror_AllSucceed()
    {
        // Given
        var head = _repository.Commit("one", ("a.txt", "1"));
        _repository.Push();
        var remote = GitRemote.Parse(_repository.Url);

        // When four fetches (as four builds, each with its own GitMirrors) run at once on one home
        var mirrors = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => new GitMirrors(_home).FetchAsync(remote, null, cancellationToken: TestContext.Current.CancellationToken))));

        // Then
        Assert.All(mirrors, m => Assert.Equal(head, m.Resolve("main")?.Commit));
        Assert.Single(Directory.GetDirectories(Path.Combine(_home, "git")));
    }

    [Fact]
    public async Task Fetch_MissingRepository_FailsWithGitsReason()
    {
        // When
        var error = await Assert.ThrowsAsync<GitException>(() => new GitMirrors(_home).FetchAsync(GitRemote.Parse("file:///nonexistent/app.git"), null, cancellationToken: TestContext.Current.CancellationToken));

        // Then
        Assert.Contains("failed to resolve path '/nonexistent/app.git'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_SmartHttpWithBasicAuth_UsesTheCredentialAndIsRefusedWithoutIt()
    {
        // Given the bare repository served over git's smart HTTP protocol, behind basic authentication
        var head = _repository.Commit("one", ("Jenkinsfile", "pipeline {}"));
        _repository.Push();
        await using var server = new GitHttpServer(_repository.Root, "bot", "s3cret");
        var remote = GitRemote.Parse(server.Prefix + "app.git");
        var mirrors = new GitMirrors(_home);

        // When
        var refused = await Assert.ThrowsAsync<GitException>(() => mirrors.FetchAsync(remote, new GitCredential("wrong", "bot", "nope"), cancellationToken: TestContext.Current.CancellationToken));
        var mirror = await mirrors.FetchAsync(remote, new GitCredential("git-user", "bot", "s3cret"), cancellationToken: TestContext.Current.CancellationToken);

        // Then
        Assert.StartsWith($"Authentication failed for '{server.Prefix}app.git' with the credential 'wrong'", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", refused.Message, StringComparison.Ordinal);
        Assert.Equal(head, mirror.Resolve("main")?.Commit);
        Assert.Equal("pipeline {}", mirror.ReadFile(head, "Jenkinsfile"));
        Assert.Equal("main", mirror.DefaultBranch);
    }

    public void Dispose()
    {
        _repository.Dispose();
        Directory.Delete(_home, true);
    }
}
