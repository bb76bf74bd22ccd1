using ContainerCd.Runtime.Tests.Scm;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary><c>containercd run --repo</c>: a pipeline straight from a repository, no working copy.</summary>
public sealed class RunRepoTests : IDisposable
{
    private readonly TestRepository _repository = new("app");
    private readonly string _folder = Directory.CreateTempSubdirectory("ccd-run-repo-").FullName;

    [Fact]
    public async Task RunRepo_LocalBareRepository_RunsTheBranchHeadsJenkinsfileOnThatCommit()
    {
        // Given a bare repository whose main branch head has a Jenkinsfile (and an older commit has another one)
        _repository.Commit("old", ("Jenkinsfile", "pipeline { agent any; stages { stage('s') { steps { echo 'OLD' } } } }"));
        var head = _repository.Commit("new", ("Jenkinsfile", "pipeline { agent any; stages { stage('s') { steps { echo \"NEW ${env.GIT_COMMIT}\"; sh 'set +x; git log -1 --format=%s; cat data.txt' } } } }"), ("data.txt", "data"));
        _repository.Push();

        // When
        using var run = CliProcess.Start(_folder, "run", "--repo", _repository.Bare, "--home", Path.Combine(_folder, "home"));
        var exit = await run.ExitCodeAsync();

        // Then
        Assert.True(exit == 0, run.Stdout + run.Stderr);
        Assert.Contains("NEW " + head, run.Stdout, StringComparison.Ordinal);
        Assert.Contains("new\ndata", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("OLD", run.Stdout, StringComparison.Ordinal);
        Assert.True(Directory.Exists(Path.Combine(_folder, "home", "workspace", "app", ".git")));
    }

    [Fact]
    public async Task RunRepo_BranchAndScriptPath_AreRead()
    {
        // Given a branch holding its pipeline under ci/
        _repository.Commit("main", ("README.txt", "r"));
        _repository.Branch("feature/x");
        _repository.Commit("feature", ("ci/build.jenkinsfile", "pipeline { agent any; stages { stage('s') { steps { echo \"ON ${env.GIT_BRANCH}\" } } } }"));
        _repository.Push();

        // When
        using var run = CliProcess.Start(_folder, "run", "--repo", _repository.Url, "--branch", "feature/x", "--script-path", "ci/build.jenkinsfile", "--job", "feature", "--home", Path.Combine(_folder, "home"));
        var exit = await run.ExitCodeAsync();

        // Then
        Assert.True(exit == 0, run.Stdout + run.Stderr);
        Assert.Contains("ON origin/feature/x", run.Stdout, StringComparison.Ordinal);
        Assert.Contains($"\nObtained ci/build.jenkinsfile from git {_repository.Url}\n", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunRepo_SecondBuildAfterAPush_KnowsThePreviousCommitAndTheChangesFromTheDatabase()
    {
        // Given a first build, then a push touching a JavaScript file
        const string Jenkinsfile = "pipeline { agent any; stages { stage('s') { steps { echo \"PREVIOUS=${env.GIT_PREVIOUS_COMMIT}\" } }; stage('js') { when { changeset '**/*.js' }; steps { echo 'JS CHANGED' } } } }";
        var first = _repository.Commit("first", ("Jenkinsfile", Jenkinsfile));
        _repository.Push();
        var home = Path.Combine(_folder, "home");
        using (var run = CliProcess.Start(_folder, "run", "--repo", _repository.Url, "--home", home))
        {
            Assert.True(await run.ExitCodeAsync() == 0, run.Stdout + run.Stderr);
        }

        _repository.Commit("js", ("web/app.js", "js"));
        _repository.Push();

        // When
        using var second = CliProcess.Start(_folder, "run", "--repo", _repository.Url, "--home", home);
        var exit = await second.ExitCodeAsync();

        // Then
        Assert.True(exit == 0, second.Stdout + second.Stderr);
        Assert.Contains("PREVIOUS=" + first, second.Stdout, StringComparison.Ordinal);
        Assert.Contains("JS CHANGED", second.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("file:///nonexistent/app.git", "", "failed to resolve path '/nonexistent/app.git'")]
    [InlineData(null, "nope", "has no branch or tag 'nope'")]
    public async Task RunRepo_Unreadable_ExitsTwoWithGitsReason(string? url, string branch, string reason)
    {
        // Given
        _repository.Commit("one", ("Jenkinsfile", "pipeline { agent any; stages { stage('s') { steps { echo 'x' } } } }"));
        _repository.Push();
        string[] arguments = branch.Length > 0 ? ["--branch", branch] : [];

        // When
        using var run = CliProcess.Start(_folder, ["run", "--repo", url ?? _repository.Url, .. arguments, "--home", Path.Combine(_folder, "home")]);
        var exit = await run.ExitCodeAsync();

        // Then
        Assert.Equal(2, exit);
        Assert.Contains(reason, run.Stderr, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _repository.Dispose();
        Directory.Delete(_folder, true);
    }
}
