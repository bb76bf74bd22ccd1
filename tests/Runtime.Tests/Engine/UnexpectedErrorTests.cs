using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>
/// No exception escapes the engine: an error a step did not expect fails that step (printed with its stack
/// trace), post runs, the build is recorded and ends <c>Finished: FAILURE</c>.
/// </summary>
public sealed class UnexpectedErrorTests
{
    [Fact]
    public async Task WriteFile_OntoADirectory_FailsTheStepAndTheBuildEndsRecorded()
    {
        // Given
        using var runner = new PipelineRunner();

        // When a step meets an I/O error it does not turn into a Jenkins error itself
        var (result, log, _) = await runner.RunAsync("""
            pipeline {
                agent any
                stages {
                    stage('s') { steps { sh 'mkdir d'; writeFile file: 'd', text: 'x' } }
                    stage('t') { steps { echo 'not reached' } }
                }
                post { always { echo 'post ran' } }
            }
            """);

        // Then
        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("post ran", log, StringComparison.Ordinal);
        Assert.DoesNotContain("not reached\n", log, StringComparison.Ordinal);
        Assert.Matches(@"\njava\.nio\.file\.AccessDeniedException: [^\n]*/d[^\n]*\n\tat WorkflowScript\.run\(WorkflowScript:4\)\nCaused by: System\.UnauthorizedAccessException: ", log);
        Assert.Contains("\n   at ", log, StringComparison.Ordinal);
        Assert.EndsWith("Finished: FAILURE\n", log, StringComparison.Ordinal);
        var recorded = await runner.History.GetPreviousCompletedBuildAsync("test0", 2, TestContext.Current.CancellationToken);
        Assert.Equal(BuildResult.Failure, recorded?.Result);
    }

    [Fact]
    public async Task UnexpectedError_InAScript_IsCaughtAsAnIOException()
    {
        using var runner = new PipelineRunner();

        var (result, log, _) = await runner.RunAsync("""
            node {
                sh 'mkdir d'
                try {
                    writeFile file: 'd', text: 'x'
                } catch (IOException e) {
                    echo "caught ${e.class.name}"
                }
            }
            """);

        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("caught java.nio.file.AccessDeniedException\n", log, StringComparison.Ordinal);
    }
}
