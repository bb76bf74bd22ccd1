using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Tests.Engine;

public class ContextAndValidationStepTests
{
    [Fact]
    public async Task GetContext_FilePath_IsNullOutsideANode_AndTheCurrentDirectoryInside()
    {
        using var runner = new PipelineRunner();
        const string Jenkinsfile = """
            pipeline {
                agent none
                stages {
                    stage('s') {
                        steps {
                            script {
                                echo "outside: ${getContext(hudson.FilePath) == null}"
                                node {
                                    dir('sub') { echo "inside: ${getContext(hudson.FilePath)} pwd: ${pwd()}" }
                                }
                            }
                        }
                    }
                }
            }
            """;

        var (result, log, _) = await runner.RunAsync(Jenkinsfile);

        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("outside: true", log, StringComparison.Ordinal);
        var sub = Path.Combine(runner.Home, "workspace", "test0", "sub");
        Assert.Contains($"inside: {sub} pwd: {sub}", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetContext_OtherClass_FailsNamingWhatIsAvailable()
    {
        using var runner = new PipelineRunner();

        var (result, log, _) = await runner.RunAsync("pipeline { agent any\n stages { stage('s') { steps { script { getContext(hudson.model.TaskListener) } } } } }");

        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("getContext(hudson.model.TaskListener) is not available in ContainerCd", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StepsGlobal_CallsStepsForCodeItIsPassedTo_AndAnUnknownOneFailsAsJenkins()
    {
        using var runner = new PipelineRunner();
        const string Jenkinsfile = """
            def helper(s) { s.echo "via steps: ${s.sh(script: 'echo hi', returnStdout: true).trim()}" }
            node {
                helper(steps)
                steps.nosuchstep 'x'
            }
            """;

        var (result, log, _) = await runner.RunAsync(Jenkinsfile);

        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("via steps: hi", log, StringComparison.Ordinal);
        Assert.Contains("No such DSL method 'nosuchstep' found among steps", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "Declarative Pipeline file 'check.groovy' does not exist.", false)]
    [InlineData("pipeline { agent any\n stages { stage('a') { steps { echo 'x' } } } }", "Declarative Pipeline file 'check.groovy' is valid.", true)]
    [InlineData("node { echo 'scripted' }", "Declarative Pipeline file 'check.groovy' does not contain the 'pipeline' step.", false)]
    [InlineData("pipeline {\n  agent any\n  stages { stage('a') { stepz { echo 'x' } } }\n}", "Error(s) validating Declarative Pipeline file 'check.groovy' - org.codehaus.groovy.control.MultipleCompilationErrorsException: startup failed:\nWorkflowScript: 3:", false)]
    public async Task ValidateDeclarativePipeline_ReportsAsJenkinsAndReturnsTheVerdict(string? content, string expected, bool valid)
    {
        using var runner = new PipelineRunner();
        var write = content is null ? "" : $"writeFile file: 'check.groovy', text: '''{content}'''\n";
        var jenkinsfile = $$"""
            node {
                {{write}}echo "result: ${validateDeclarativePipeline('check.groovy')}"
            }
            """;

        var (result, log, _) = await runner.RunAsync(jenkinsfile);

        Assert.True(result == BuildResult.Success, log);
        Assert.Contains(expected, log, StringComparison.Ordinal);
        Assert.Contains($"result: {(valid ? "true" : "false")}", log, StringComparison.Ordinal);
    }
}
