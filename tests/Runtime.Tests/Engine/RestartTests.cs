using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Tests.Engine;

public class RestartTests
{
    private const string First = """
        pipeline {
            agent any
            options { preserveStashes() }
            stages {
                stage('make') { steps { writeFile file: 'f.txt', text: 'from build one'; stash name: 's', includes: 'f.txt'; deleteDir() } }
                stage('gate') { steps { script { if (currentBuild.number == 1) { error 'first build fails' } } } }
                stage('use') { steps { unstash 's'; echo "read: ${readFile('f.txt')}" } }
            }
        }
        """;

    [Fact]
    public async Task RestartFromBuild_RunsThatBuildsJenkinsfile_WithItsStashes_SkippingTheStagesBefore()
    {
        using var runner = new PipelineRunner();
        var (first, _, _) = await runner.RunAsync(First);
        Assert.Equal(BuildResult.Failure, first);

        // The Jenkinsfile given now is another one: a restart runs build #1's.
        var (second, log, _) = await runner.RunAsync(
            "pipeline { agent any\n stages { stage('gate') { steps { echo 'NEW FILE' } } } }",
            adjust: r => r with { RestartFromBuild = 1, RestartFromStage = "gate" });

        Assert.True(second == BuildResult.Success, log);
        Assert.Contains("Stage \"make\" skipped due to this build restarting at stage \"gate\"", log, StringComparison.Ordinal);
        Assert.Contains("read: from build one", log, StringComparison.Ordinal);
        Assert.DoesNotContain("NEW FILE", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RestartFromBuild_WhoseJenkinsfileWasNotKept_FailsSaying()
    {
        using var runner = new PipelineRunner();

        var (result, log, _) = await runner.RunAsync(First, adjust: r => r with { RestartFromBuild = 7, RestartFromStage = "gate" });

        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("ERROR: Build #7 of test0 cannot be restarted: its Jenkinsfile was not kept", log, StringComparison.Ordinal);
    }
}
