using ContainerCd.Runtime.Scm;

namespace ContainerCd.Runtime.Tests.Scm;

/// <summary>Working copies made from a mirror: a real repository at the exact commit, usable by the git command line.</summary>
public sealed class GitWorkingCopyTests : IDisposable
{
    private readonly TestRepository _repository = new();
    private readonly string _home = Directory.CreateTempSubdirectory("ccd-home-").FullName;

    private string Workspace => Path.Combine(_home, "workspace", "job");

    private async Task<(GitRemote Remote, GitReader Mirror)> MirrorAsync()
    {
        var remote = GitRemote.Parse(_repository.Url);
        return (remote, await new GitMirrors(_home).FetchAsync(remote, null, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Checkout_Commit_GivesARepositoryTheGitCommandLineReads()
    {
        // Given two commits; the older one is checked out
        var first = _repository.Commit("first", ("a.txt", "1"));
        _repository.Commit("second", ("a.txt", "2"));
        _repository.Push();
        var (remote, mirror) = await MirrorAsync();

        // When
        var created = await GitWorkingCopy.CheckoutAsync(new GitCheckoutOptions { Directory = Workspace, Remote = remote, Source = mirror.RepositoryPath, Commit = first }, TestContext.Current.CancellationToken);

        // Then
        Assert.True(created);
        Assert.Equal("1", await File.ReadAllTextAsync(Path.Combine(Workspace, "a.txt"), TestContext.Current.CancellationToken));
        Assert.Equal(first, TestRepository.Git(Workspace, "rev-parse", "HEAD").Trim());
        Assert.Equal("first", TestRepository.Git(Workspace, "log", "-1", "--format=%s").Trim());
        Assert.Equal(_repository.Url, TestRepository.Git(Workspace, "config", "remote.origin.url").Trim());
        Assert.Contains("origin/main", TestRepository.Git(Workspace, "branch", "-r"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, TestRepository.Git(Workspace, "status", "--porcelain"));
    }

    [Fact]
    public async Task Checkout_AgainWithLocalBranchAndClean_UpdatesInPlace()
    {
        // Given a working copy of the first commit with an untracked and an ignored file
        var first = _repository.Commit("first", ("a.txt", "1"), (".gitignore", "*.log\n"));
        _repository.Push();
        var (remote, mirror) = await MirrorAsync();
        await GitWorkingCopy.CheckoutAsync(new GitCheckoutOptions { Directory = Workspace, Remote = remote, Source = mirror.RepositoryPath, Commit = first }, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(Workspace, "untracked.txt"), "u", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(Workspace, "build.log"), "l", TestContext.Current.CancellationToken);
        var second = _repository.Commit("second", ("a.txt", "2"));
        _repository.Push();
        (_, mirror) = await MirrorAsync();

        // When
        var created = await GitWorkingCopy.CheckoutAsync(
            new GitCheckoutOptions { Directory = Workspace, Remote = remote, Source = mirror.RepositoryPath, Commit = second, LocalBranch = "main", Clean = true },
            TestContext.Current.CancellationToken);

        // Then
        Assert.False(created);
        Assert.Equal("2", await File.ReadAllTextAsync(Path.Combine(Workspace, "a.txt"), TestContext.Current.CancellationToken));
        Assert.Equal("main", TestRepository.Git(Workspace, "rev-parse", "--abbrev-ref", "HEAD").Trim());
        Assert.False(File.Exists(Path.Combine(Workspace, "untracked.txt")));
        Assert.False(File.Exists(Path.Combine(Workspace, "build.log")));
    }

    [Fact]
    public async Task Checkout_Shallow_HasOnlyTheAskedDepth()
    {
        // Given three commits
        _repository.Commit("one", ("a.txt", "1"));
        _repository.Commit("two", ("a.txt", "2"));
        var head = _repository.Commit("three", ("a.txt", "3"));
        _repository.Push();
        var (remote, mirror) = await MirrorAsync();

        // When
        await GitWorkingCopy.CheckoutAsync(new GitCheckoutOptions { Directory = Workspace, Remote = remote, Source = mirror.RepositoryPath, Commit = head, Depth = 1 }, TestContext.Current.CancellationToken);

        // Then
        Assert.Equal("1", TestRepository.Git(Workspace, "rev-list", "--count", "HEAD").Trim());
        Assert.Equal(head, TestRepository.Git(Workspace, "rev-parse", "HEAD").Trim());
        Assert.Equal(_repository.Url, TestRepository.Git(Workspace, "config", "remote.origin.url").Trim());
    }

    public void Dispose()
    {
        _repository.Dispose();
        Directory.Delete(_home, true);
    }
}
