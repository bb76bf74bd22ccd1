using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Tests.Engine;

public class SmokeTests
{
    [Fact]
    public async Task Run_SimplePipeline_PrintsJenkinsConsole()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync("""
            pipeline {
                agent any
                stages {
                    stage('Build') {
                        steps {
                            echo 'hello'
                            sh 'echo hi'
                        }
                    }
                }
            }
            """);
        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("[Pipeline] { (Build)", log, StringComparison.Ordinal);
        Assert.Contains("+ echo hi\nhi\n", log, StringComparison.Ordinal);
        Assert.EndsWith("Finished: SUCCESS\n", log, StringComparison.Ordinal);
    }
}
