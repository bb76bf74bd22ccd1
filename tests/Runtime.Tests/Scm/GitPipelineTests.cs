using ContainerCd.Runtime.Pipeline.Scm;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Tests.Engine;

namespace ContainerCd.Runtime.Tests.Scm;

/// <summary>Builds that check code out of real git repositories: the git step, GitSCM, scmGit, checkout scm, changesets.</summary>
public sealed class GitPipelineTests : IDisposable
{
    private readonly TestRepository _repository = new();
    private readonly PipelineRunner _runner = new();

    [Fact]
    public async Task GitStep_BareRemote_ChecksOutTheBranchWithJenkinsLinesAndVariables()
    {
        // Given
        var head = _repository.Commit("add the app\n\nwith a body", ("app.txt", "hello"));
        _repository.Push();

        // When
        var (result, log, _) = await _runner.RunAsync(
            $$"""
            node {
                def vars = git url: '{{_repository.Url}}', branch: 'main'
                echo "COMMIT=${vars.GIT_COMMIT} BRANCH=${vars.GIT_BRANCH} LOCAL=${vars.GIT_LOCAL_BRANCH} URL=${vars.GIT_URL} AUTHOR=${vars.GIT_AUTHOR_NAME}"
                sh 'set +x; git log -1 --format=LOG=%H; git rev-parse --abbrev-ref HEAD; cat app.txt'
            }
            """);

        // Then
        Assert.True(result == BuildResult.Success, log);
        AssertHas(log, "The recommended git tool is: NONE\nNo credentials specified\nCloning the remote Git repository\nCloning repository " + _repository.Url + "\n");
        AssertHas(log, $"Checking out Revision {head} (refs/remotes/origin/main)\nCommit message: \"add the app\"\nFirst time build. Skipping changelog.\n");
        AssertHas(log, $"COMMIT={head} BRANCH=origin/main LOCAL=main URL={_repository.Url} AUTHOR=Ada Lovelace");
        AssertHas(log, "LOG=" + head + "\nmain\nhello");
    }

    [Fact]
    public async Task Checkout_GitScmOfASecondRepository_ChecksOutThatRepository()
    {
        // Given a project folder (not a repository), and a second repository
        var project = Directory.CreateTempSubdirectory("ccd-project-").FullName;
        await File.WriteAllTextAsync(Path.Combine(project, "project.txt"), "project\n", TestContext.Current.CancellationToken);
        var other = _repository.Commit("other", ("other.txt", "from the other repository\n"));
        _repository.Push();

        // When
        var (result, log, _) = await _runner.RunAsync(
            $$"""
            pipeline {
                agent any
                stages {
                    stage('two') {
                        steps {
                            script {
                                def vars = checkout([$class: 'GitSCM', branches: [[name: '*/main']], userRemoteConfigs: [[url: '{{_repository.Url}}']],
                                    extensions: [[$class: 'RelativeTargetDirectory', relativeTargetDir: 'other'], [$class: 'CleanBeforeCheckout']]])
                                echo "OTHER=${vars.GIT_COMMIT}"
                            }
                            sh 'set +x; cat project.txt other/other.txt; git -C other rev-parse HEAD'
                        }
                    }
                }
            }
            """,
            adjust: request => request with { SourceDirectory = project });

        // Then
        Assert.True(result == BuildResult.Success, log);
        AssertHas(log, "OTHER=" + other);
        AssertHas(log, "project\nfrom the other repository\n" + other);
        Directory.Delete(project, true);
    }

    [Fact]
    public async Task Checkout_ScmGitWithShallowCloneAndLocalBranch_AsAsked()
    {
        // Given three commits on a branch
        _repository.Commit("one", ("a.txt", "1"));
        _repository.Branch("release");
        _repository.Commit("two", ("a.txt", "2"));
        var head = _repository.Commit("three", ("a.txt", "3"));
        _repository.Push();

        // When
        var (result, log, _) = await _runner.RunAsync(
            $$"""
            node {
                def vars = checkout scmGit(branches: [[name: 'release']], userRemoteConfigs: [[url: '{{_repository.Url}}']],
                    extensions: [cloneOption(shallow: true, depth: 1, noTags: true), localBranch('release')])
                echo "LOCAL=${vars.GIT_LOCAL_BRANCH}"
                sh 'set +x; git rev-list --count HEAD; git rev-parse --abbrev-ref HEAD; git rev-parse HEAD'
            }
            """);

        // Then
        Assert.True(result == BuildResult.Success, log);
        AssertHas(log, "LOCAL=release");
        AssertHas(log, "1\nrelease\n" + head);
    }

    [Theory]
    [InlineData("git url: 'file:///nonexistent/app.git', branch: 'main'", "ERROR: Error cloning remote repo 'origin': failed to resolve path '/nonexistent/app.git': No such file or directory")]
    [InlineData("checkout([$class: 'GitSCM', userRemoteConfigs: [[url: 'URL']], extensions: [[$class: 'SparseCheckoutPaths']]])", "ERROR: The GitSCM extension SparseCheckoutPaths is not supported by containercd")]
    [InlineData("checkout([$class: 'SubversionSCM', locations: []])", "ERROR: checkout of SubversionSCM is not supported by containercd: only git")]
    [InlineData("git url: 'URL', branch: 'nope'", "ERROR: Couldn't find any revision to build. Verify the repository and branch configuration for this job.")]
    [InlineData("git url: 'URL', credentialsId: 'missing'", "ERROR: CredentialId \"missing\" could not be found")]
    public async Task Checkout_WhatCannotBeDone_FailsTheBuildWithTheReason(string step, string expected)
    {
        // Given
        _repository.Commit("one", ("a.txt", "1"));
        _repository.Push();

        // When
        var (result, log, _) = await _runner.RunAsync($"node {{ {step.Replace("URL", _repository.Url, StringComparison.Ordinal)} }}");

        // Then
        Assert.Equal(BuildResult.Failure, result);
        AssertHas(log, expected);
        Assert.False(File.Exists(Path.Combine(_runner.Home, "workspace", "test0", "a.txt")));
    }

    [Fact]
    public async Task RepositoryBuild_SecondBuildAfterAPush_ChangesetMatchesThePushedFilesAndChangeSetsAreJenkins()
    {
        // Given a repository build, then a push of a JavaScript file
        const string Jenkinsfile = """
            pipeline {
                agent any
                stages {
                    stage('info') {
                        steps {
                            echo "COMMIT=${env.GIT_COMMIT} PREVIOUS=${env.GIT_PREVIOUS_COMMIT} SUCCESSFUL=${env.GIT_PREVIOUS_SUCCESSFUL_COMMIT}"
                            sh 'git log -1 --format=HEAD=%H'
                            script {
                                for (set in currentBuild.changeSets) {
                                    for (entry in set.items) {
                                        echo "ENTRY ${entry.commitId} ${entry.msg} by ${entry.author.fullName}: ${entry.affectedFiles.collect { it.editType.name + ' ' + it.path }.join(', ')}"
                                    }
                                }
                            }
                        }
                    }
                    stage('js') {
                        when { changeset '**/*.js' }
                        steps { echo 'JS CHANGED' }
                    }
                    stage('docs') {
                        when { changeset '*.md' }
                        steps { echo 'DOCS CHANGED' }
                    }
                }
            }
            """;
        var first = _repository.Commit("first", ("Jenkinsfile", Jenkinsfile), ("README.txt", "r"));
        _repository.Push();
        var (firstResult, firstLog, _) = await _runner.RunAsync(Jenkinsfile, adjust: request => request with { Repository = new GitSource(_repository.Url, "main", first) });
        var pushed = _repository.Commit("add js", ("web/app.js", "js"), ("README.txt", "r2"));
        _repository.Push();

        // When
        var (result, log, _) = await _runner.RunAsync(Jenkinsfile, adjust: request => request with { Repository = new GitSource(_repository.Url, "main", pushed) });

        // Then
        Assert.True(firstResult == BuildResult.Success, firstLog);
        AssertHas(firstLog, "Warning, empty changelog. Probably because this is the first build.");
        Assert.DoesNotContain("JS CHANGED", firstLog, StringComparison.Ordinal);
        Assert.True(result == BuildResult.Success, log);
        AssertHas(log, "[Pipeline] { (Declarative: Checkout SCM)");
        AssertHas(log, "Fetching changes from the remote Git repository");
        AssertHas(log, $"COMMIT={pushed} PREVIOUS={first} SUCCESSFUL={first}");
        AssertHas(log, "HEAD=" + pushed);
        AssertHas(log, $"ENTRY {pushed} add js by Ada Lovelace: edit README.txt, add web/app.js");
        AssertHas(log, "JS CHANGED");
        Assert.DoesNotContain("DOCS CHANGED", log, StringComparison.Ordinal);
        var recorded = await _runner.History.GetLastBuiltCommitAsync("test0", 3, Runtime.Scm.GitRemote.Parse(_repository.Url).Normalized, "main", false, TestContext.Current.CancellationToken);
        Assert.Equal(pushed, recorded);
    }

    [Fact]
    public async Task CheckoutScm_ProjectWorkingCopy_HasItsGitAndItsUncommittedChanges()
    {
        // Given a working copy with a commit, a modified file, a new file, a deleted file and an ignored one
        var head = _repository.Commit("base", ("a.txt", "committed"), ("gone.txt", "g"), (".gitignore", "*.log\n"));
        await File.WriteAllTextAsync(Path.Combine(_repository.Work, "a.txt"), "changed on disk\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_repository.Work, "new.txt"), "new\n", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_repository.Work, "debug.log"), "ignored", TestContext.Current.CancellationToken);
        File.Delete(Path.Combine(_repository.Work, "gone.txt"));

        // When
        var (result, log, _) = await _runner.RunAsync(
            "pipeline { agent any; stages { stage('s') { steps { sh 'set +x; echo COMMIT=$GIT_COMMIT LOCAL=$GIT_LOCAL_BRANCH; git log -1 --format=LOG=%H; cat a.txt new.txt; ls; git status --porcelain' } } } }",
            adjust: request => request with { SourceDirectory = _repository.Work });

        // Then
        Assert.True(result == BuildResult.Success, log);
        AssertHas(log, $"COMMIT={head} LOCAL=main\nLOG={head}\nchanged on disk\nnew\n");
        Assert.DoesNotContain("gone.txt\n", log.Replace(" D gone.txt", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("debug.log", log, StringComparison.Ordinal);
        AssertHas(log, " M a.txt\n D gone.txt\n?? new.txt\n");
    }

    private static void AssertHas(string log, string expected) => Assert.True(log.Contains(expected, StringComparison.Ordinal), $"no '{expected}' in the log:\n{log}");

    public void Dispose()
    {
        _runner.Dispose();
        _repository.Dispose();
    }
}
