using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>load 'file.groovy', as Jenkins' load step: the file runs as a script of its own and its value (often <c>this</c>) is returned.</summary>
public class LoadStepTests
{
    private static string Pipeline(string script) => $$"""
        pipeline {
            agent any
            stages {
                stage('s') {
                    steps {
                        writeFile file: 'ci/helpers.groovy', text: '''
        def greet(String name) {
            return "hello ${name} from ${env.STAGE_NAME}"
        }

        def build(String target) {
            sh "echo building ${target}"
            shared = "set by the loaded script"
        }

        return this
        '''
                        script {
                            {{script}}
                        }
                    }
                }
            }
        }
        """;

    [Fact]
    public async Task Load_ReturnThis_GivesTheScriptWhoseMethodsAreCallable()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync(Pipeline("""
            def helpers = load 'ci/helpers.groovy'
            echo helpers.greet('team')
            helpers.build('app')
            echo "shared: ${shared}"
            """));

        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("hello team from s\n", log, StringComparison.Ordinal);
        Assert.Contains("building app\n", log, StringComparison.Ordinal);
        Assert.Contains("shared: set by the loaded script\n", log, StringComparison.Ordinal);
        Assert.Contains("[Pipeline] load\n[Pipeline] { (ci/helpers.groovy)\n[Pipeline] }\n[Pipeline] // load\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_ResolvesAgainstTheCurrentDirectory_AndReturnsTheScriptsValue()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync(Pipeline("""
            writeFile file: 'sub/value.groovy', text: "[answer: 6 * 7]"
            dir('sub') {
                def value = load 'value.groovy'
                echo "answer=${value.answer}"
            }
            """));

        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("answer=42\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_MissingFile_FailsNamingIt()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync(Pipeline("load 'ci/missing.groovy'"));

        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("missing.groovy", log, StringComparison.Ordinal);
        Assert.Contains("Finished: FAILURE", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_SyntaxError_FailsAsACompilationError()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync(Pipeline("""
            writeFile file: 'bad.groovy', text: 'def x( {'
            load 'bad.groovy'
            """));

        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("MultipleCompilationErrorsException", log, StringComparison.Ordinal);
    }
}
