using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>
/// Stage results as Jenkins' Stage View shows them: an error marks the stages it escapes, not the ones that
/// caught it (a retry that ends well leaves its stage SUCCESS); under failFast the failing branch is FAILURE,
/// its interrupted siblings ABORTED and the parallel stage FAILURE.
/// </summary>
public class StageResultTests
{
    [Fact]
    public async Task RetryThatEventuallySucceeds_LeavesItsStageSuccess()
    {
        // Given stages whose first attempt fails: a stage-level retry, a retry step, and a retried stage holding stages
        using var runner = new PipelineRunner();
        const string Jenkinsfile = """
            attempts = [option: 0, step: 0, inner: 0]
            def flaky(String name) { attempts[name] = attempts[name] + 1; if (attempts[name] < 2) { error "first ${name} attempt fails" } }
            pipeline {
              agent none
              stages {
                stage('Option') { options { retry(3) } steps { script { flaky('option') } } }
                stage('Step') { steps { retry(2) { script { flaky('step') } } } }
                stage('Outer') {
                  options { retry(2) }
                  stages { stage('Inner') { steps { script { flaky('inner') } } } }
                }
              }
            }
            """;

        // When it runs
        var (result, log, observer) = await runner.RunAsync(Jenkinsfile);

        // Then the build and every stage that ended well are SUCCESS; only the failed attempt of Inner is FAILURE
        Assert.True(result == BuildResult.Success, log);
        var stages = observer.Events.OfType<StageFinished>().ToList();
        Assert.Equal(BuildResult.Success, stages.Single(s => s.Name == "Option").Result);
        Assert.Equal(BuildResult.Success, stages.Single(s => s.Name == "Step").Result);
        Assert.Equal(BuildResult.Success, stages.Single(s => s.Name == "Outer").Result);
        Assert.Equal([BuildResult.Failure, BuildResult.Success], stages.Where(s => s.Name == "Inner").Select(s => s.Result));
    }

    [Fact]
    public async Task FailFast_FailingBranchFailure_SiblingAborted_ParallelStageFailure()
    {
        // Given a fail-fast parallel stage: one branch fails while the other waits
        using var runner = new PipelineRunner();
        const string Jenkinsfile = """
            pipeline {
              agent none
              stages {
                stage('P') {
                  failFast true
                  parallel {
                    stage('bad') { steps { sleep time: 200, unit: 'MILLISECONDS'; error 'boom' } }
                    stage('slow') { steps { sleep 600 } }
                  }
                }
              }
            }
            """;

        // When it runs
        var (result, log, observer) = await runner.RunAsync(Jenkinsfile);

        // Then
        Assert.True(result == BuildResult.Failure, log);
        var stages = observer.Events.OfType<StageFinished>().ToDictionary(s => s.Name, s => s.Result);
        Assert.Equal(BuildResult.Failure, stages["bad"]);
        Assert.Equal(BuildResult.Aborted, stages["slow"]);
        Assert.Equal(BuildResult.Failure, stages["P"]);
    }

    [Fact]
    public async Task NestedStageFailure_MarksEveryStageItEscapes_AndUnstableMarksTheEnclosingStages()
    {
        // Given nested stages: one fails, one in another branch of the tree is only unstable
        using var runner = new PipelineRunner();
        const string Jenkinsfile = """
            pipeline {
              agent none
              stages {
                stage('Warn') { stages { stage('Soft') { steps { unstable 'flaky tests' } } } }
                stage('Outer') { stages { stage('Inner') { steps { error 'broken' } } } }
              }
            }
            """;

        // When it runs
        var (result, log, observer) = await runner.RunAsync(Jenkinsfile);

        // Then
        Assert.True(result == BuildResult.Failure, log);
        var stages = observer.Events.OfType<StageFinished>().ToDictionary(s => s.Name, s => s.Result);
        Assert.Equal(BuildResult.Unstable, stages["Soft"]);
        Assert.Equal(BuildResult.Unstable, stages["Warn"]);
        Assert.Equal(BuildResult.Failure, stages["Inner"]);
        Assert.Equal(BuildResult.Failure, stages["Outer"]);
    }
}
