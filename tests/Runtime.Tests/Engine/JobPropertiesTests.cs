using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Testing;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>
/// The job properties of <c>options { }</c> and <c>properties([...])</c> act on the job's builds as in Jenkins:
/// <c>disableConcurrentBuilds()</c> makes a build wait for the running one (<c>abortPrevious: true</c> supersedes
/// it: NOT_BUILT), <c>buildDiscarder(logRotator(...))</c> deletes the builds beyond the ones to keep.
/// </summary>
public class JobPropertiesTests
{
    /// <summary>Notes its start, waits until HOME/go-N exists, notes its end; all in HOME/order.</summary>
    private static string Held(string options) => $$"""
        pipeline {
          agent any
          options { {{options}} }
          stages {
            stage('work') {
              steps {
                sh 'echo "start $BUILD_NUMBER" >> "$JENKINS_HOME/order"; set +x; while [ ! -e "$JENKINS_HOME/go-$BUILD_NUMBER" ]; do sleep 0.05; done; echo "end $BUILD_NUMBER" >> "$JENKINS_HOME/order"'
              }
            }
          }
          post { notBuilt { echo 'post: not built' } }
        }
        """;

    [Fact]
    public async Task DisableConcurrentBuilds_SecondBuildWaitsForTheFirst_ThenRuns()
    {
        // Given build #1 of a job that disables concurrent builds, running
        using var runner = new PipelineRunner();
        var jenkinsfile = Held("disableConcurrentBuilds()");
        var first = runner.RunAsync(jenkinsfile);
        await WaitForAsync(() => Order(runner).Contains("start 1", StringComparison.Ordinal));

        // When build #2 starts
        var secondObserver = new RecordingObserver();
        var second = runner.RunAsync(jenkinsfile, observer: secondObserver);
        await WaitForAsync(() => secondObserver.Log.Contains("Build #1 is already in progress; waiting for it to finish", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(runner.Home, "go-2"), "");

        // Then it waits, and starts only once #1 has ended
        Assert.Equal("start 1\n", Order(runner));
        File.WriteAllText(Path.Combine(runner.Home, "go-1"), "");
        var (firstResult, firstLog, _) = await first;
        var (secondResult, secondLog, _) = await second;
        Assert.True(firstResult == BuildResult.Success, firstLog);
        Assert.True(secondResult == BuildResult.Success, secondLog);
        Assert.Equal("start 1\nend 1\nstart 2\nend 2\n", Order(runner));
    }

    [Fact]
    public async Task DisableConcurrentBuilds_AbortPrevious_SupersedesTheRunningBuild()
    {
        // Given build #1 of a job with disableConcurrentBuilds(abortPrevious: true), running
        using var runner = new PipelineRunner();
        var jenkinsfile = Held("disableConcurrentBuilds(abortPrevious: true)");
        var first = runner.RunAsync(jenkinsfile);
        await WaitForAsync(() => Order(runner).Contains("start 1", StringComparison.Ordinal));

        // When build #2 starts
        File.WriteAllText(Path.Combine(runner.Home, "go-2"), "");
        var second = runner.RunAsync(jenkinsfile);

        // Then #1 is interrupted, runs its post and ends NOT_BUILT, superseded by #2, which then runs
        var (firstResult, firstLog, _) = await first;
        Assert.True(firstResult == BuildResult.NotBuilt, firstLog);
        Assert.Contains("post: not built", firstLog, StringComparison.Ordinal);
        Assert.EndsWith("Superseded by test0 #2\nFinished: NOT_BUILT\n", firstLog, StringComparison.Ordinal);
        var (secondResult, secondLog, _) = await second;
        Assert.True(secondResult == BuildResult.Success, secondLog);
        Assert.Equal("start 1\nstart 2\nend 2\n", Order(runner));
    }

    [Fact]
    public async Task BuildDiscarder_KeepsTheNewestBuilds_DeletingTheOthersRecordsFilesAndArtifacts()
    {
        // Given a job that keeps two builds, and the artifacts of one
        using var runner = new PipelineRunner();
        const string Jenkinsfile = """
            pipeline {
              agent any
              options { buildDiscarder(logRotator(numToKeepStr: '2', artifactNumToKeepStr: '1')) }
              stages { stage('s') { steps {
                writeFile file: 'out.txt', text: "build ${env.BUILD_NUMBER}"; archiveArtifacts 'out.txt'
                publishHTML(target: [reportDir: '.', reportFiles: 'out.txt', reportName: 'Out', keepAll: true])
              } } }
            }
            """;

        // When it builds four times
        for (var i = 1; i <= 4; i++)
        {
            var (result, log, _) = await runner.RunAsync(Jenkinsfile);
            Assert.True(result == BuildResult.Success, log);
        }

        // Then builds #3 and #4 are left, with their HTML reports, and only #4 has its artifacts
        Assert.Equal([3, 4], (await runner.History.ListBuildsAsync("test0", TestContext.Current.CancellationToken)).Select(b => b.Number).Order());
        Assert.Equal(["3", "4"], Names(Path.Combine(runner.Home, "builds", "test0")));
        Assert.Equal(["3", "4"], Names(Path.Combine(runner.Home, "reports", "test0")));
        Assert.Equal(["4"], Names(Path.Combine(runner.Home, "artifacts", "test0")));
    }

    [Fact]
    public async Task PropertiesStep_BuildDiscarder_AppliesToScriptedPipelines()
    {
        // Given a scripted pipeline setting the job's properties
        using var runner = new PipelineRunner();
        const string Jenkinsfile = """
            properties([buildDiscarder(logRotator(numToKeepStr: '1')), disableConcurrentBuilds()])
            node { echo "build ${env.BUILD_NUMBER}" }
            """;

        // When it builds three times
        for (var i = 1; i <= 3; i++)
        {
            var (result, log, _) = await runner.RunAsync(Jenkinsfile);
            Assert.True(result == BuildResult.Success, log);
        }

        // Then one build is left
        Assert.Equal([3], (await runner.History.ListBuildsAsync("test0", TestContext.Current.CancellationToken)).Select(b => b.Number));
        Assert.Equal(["3"], Names(Path.Combine(runner.Home, "builds", "test0")));
    }

    private static string Order(PipelineRunner runner)
    {
        var file = Path.Combine(runner.Home, "order");
        return File.Exists(file) ? File.ReadAllText(file) : string.Empty;
    }

    private static string[] Names(string folder) => [.. Directory.EnumerateDirectories(folder).Select(d => Path.GetFileName(d)).Order(StringComparer.Ordinal)];

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 1200 && !condition(); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "not seen within 60 s");
    }
}
