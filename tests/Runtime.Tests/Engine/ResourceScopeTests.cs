using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>
/// A build's end removes what that build started and nothing else, though two servers on one machine (two homes)
/// give their builds the same id: both have a job <c>app</c> whose build 1 is <c>app/1</c>.
/// </summary>
public class ResourceScopeTests
{
    [Fact]
    public async Task TwoHomesBuildTheSameBuildId_TheFirstToEndLeavesTheOthersProcessesRunning()
    {
        // Given build app/1 of one home running a step that waits for a file
        using var slow = new PipelineRunner();
        using var quick = new PipelineRunner();
        var go = Path.Combine(slow.Home, "go");
        var started = Path.Combine(slow.Home, "started");
        var running = slow.RunAsync(
            $$"""
            pipeline {
              agent any
              stages {
                stage('wait') {
                  steps { sh 'touch "{{started}}"; while [ ! -e "{{go}}" ]; do sleep 0.05; done; echo survived' }
                }
              }
            }
            """,
            job: "app", adjust: r => r with { BuildId = "app/1", Number = 1 });
        await WaitForFileAsync(started);

        // When build app/1 of another home runs and ends meanwhile
        var (quickResult, _, _) = await quick.RunAsync(
            "pipeline { agent any\n stages { stage('s') { steps { sh 'true' } } } }", job: "app", adjust: r => r with { BuildId = "app/1", Number = 1 });
        await File.WriteAllTextAsync(go, "", TestContext.Current.CancellationToken);

        // Then the first build's step was not killed by the second's end
        var (result, log, _) = await running;
        Assert.Equal(BuildResult.Success, quickResult);
        Assert.Contains("survived", log, StringComparison.Ordinal);
        Assert.Equal(BuildResult.Success, result);
    }

    private static async Task WaitForFileAsync(string path)
    {
        for (var i = 0; i < 600 && !File.Exists(path); i++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.True(File.Exists(path), $"{path} never appeared");
    }
}
