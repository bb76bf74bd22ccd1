using ContainerCd.Parser;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Text;
using ContainerCd.Parser.Validation;
using ContainerCd.Parser.Validation.Metadata;
using ContainerCd.Runtime.Delivery.Steps;
using ContainerCd.Runtime.Docker.Pipeline;
using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Pipeline.Steps;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>One step catalog for lint and run: they agree on every step, and neither side can have a step the other lacks.</summary>
public class StepCatalogTests
{
    private static string Pipeline(string steps, string options = "") => $$"""
        pipeline {
            agent any
            {{options}}
            stages {
                stage('s') {
                    steps {
                        {{steps}}
                    }
                }
            }
        }
        """;

    public static TheoryData<string> UnsupportedSteps() => new(
        "sshagent(['deploy-key']) { sh 'true' }",
        "publishChecks name: 'build', title: 'Build'");

    [Theory]
    [MemberData(nameof(UnsupportedSteps))]
    public async Task UnsupportedStep_LintWarnsAndRunFails_WithTheSameWords(string step)
    {
        // Given
        var name = step[..step.IndexOfAny([' ', '('])];
        var jenkinsfile = Pipeline(step);
        using var runner = new PipelineRunner();

        // When
        var lint = Jenkinsfile.Parse(new SourceText("Jenkinsfile", jenkinsfile));
        var (result, log, _) = await runner.RunAsync(jenkinsfile);

        // Then
        var warning = Assert.Single(lint.Diagnostics);
        Assert.Equal("JP2010", warning.Code);
        Assert.False(warning.IsError);
        Assert.StartsWith($"step '{name}' is not supported by containercd run", warning.Message, StringComparison.Ordinal);
        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("ERROR: " + warning.Message, log, StringComparison.Ordinal);
        Assert.Contains("Finished: FAILURE", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsupportedStep_DeclaredNoop_NeitherWarnedNorFailed()
    {
        // Given
        var jenkinsfile = Pipeline("publishChecks name: 'build', title: 'Build'");
        using var runner = new PipelineRunner { Config = RuntimeConfig.Empty with { NoopSteps = ["publishChecks"] } };

        // When
        var lint = Jenkinsfile.Parse(new SourceText("Jenkinsfile", jenkinsfile), ValidationOptions.Default with { NoopSteps = ["publishChecks"] });
        var (result, log, _) = await runner.RunAsync(jenkinsfile);

        // Then
        Assert.Empty(lint.Diagnostics);
        Assert.Equal(BuildResult.Success, result);
        Assert.Contains("Skipped publishChecks", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsupportedWrapperOption_LintWarnsAndRunFails_InsteadOfIgnoringIt()
    {
        // Given
        var jenkinsfile = Pipeline("echo 'inside'", "options { sshagent(['deploy-key']) }");
        using var runner = new PipelineRunner();

        // When
        var lint = Jenkinsfile.Parse(new SourceText("Jenkinsfile", jenkinsfile));
        var (result, log, _) = await runner.RunAsync(jenkinsfile);

        // Then
        Assert.Equal("JP2010", Assert.Single(lint.Diagnostics).Code);
        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("ERROR: " + DiagnosticCatalog.UnsupportedStepMessage("sshagent"), log, StringComparison.Ordinal);
        Assert.DoesNotContain("[Pipeline] echo", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownStep_NotInTheCatalog_FailsAsJenkinsDoes()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync(Pipeline("myCustomStep 'x'"));
        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("No such DSL method 'myCustomStep' found among steps", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Println_IsTheEchoStep_AsInJenkins()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync(Pipeline("script { println 'hello' }"));
        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("[Pipeline] echo\nhello\n", log, StringComparison.Ordinal);
        Assert.DoesNotContain("[Pipeline] println", log, StringComparison.Ordinal);
    }

    [Fact]
    public void Runtime_ImplementsExactlyTheCatalogStepsThatRun()
    {
        // Given the core's steps, the Docker extension's and the delivery extension's (registering uses neither engine nor router)
        var docker = new PipelineRegistry();
        DockerPipelineExtension.Instance.Register(docker);
        var delivery = new PipelineRegistry();
        new DeliveryPipelineExtension(null!, null!).Register(delivery);

        // When / Then: the check a build makes at its start passes
        StepBinding.Verify(BuiltinSteps.Core(), new Dictionary<string, IEnumerable<IStep>> { ["docker"] = docker.Steps.Values, ["delivery"] = delivery.Steps.Values });
        var implemented = BuiltinSteps.Core().Concat(docker.Steps.Values).Concat(delivery.Steps.Values).Select(s => s.Name).Order(StringComparer.Ordinal);
        Assert.Equal(StepCatalog.Steps.Values.Where(s => s.Runs).Select(s => s.Name).Order(StringComparer.Ordinal), implemented);
    }

    [Fact]
    public void Verify_CatalogStepThatRunsWithoutImplementation_Throws()
    {
        var core = BuiltinSteps.Core().Where(s => s.Name != "readFile");
        var error = Assert.Throws<InvalidOperationException>(() => StepBinding.Verify(core, new Dictionary<string, IEnumerable<IStep>>()));
        Assert.Contains("readFile", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ExtensionStepGivenToTheCore_Throws()
    {
        var docker = new PipelineRegistry();
        DockerPipelineExtension.Instance.Register(docker);
        var error = Assert.Throws<InvalidOperationException>(() =>
            StepBinding.Verify(BuiltinSteps.Core().Concat(docker.Steps.Values), new Dictionary<string, IEnumerable<IStep>>()));
        Assert.Contains("withDocker", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notInTheCatalog")]
    [InlineData("sshagent")]
    [InlineData("usernamePassword")]
    public void Bind_ImplementationOfAStepTheCatalogDoesNotRun_Throws(string name)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new DelegateStep(name, _ => ValueTask.FromResult<object?>(null)));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExtensionStep_WithoutTheExtension_FailsNamingIt()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync(Pipeline("withDockerRegistry(url: 'https://r.example.com') { echo 'x' }"));
        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("step 'withDockerRegistry' needs containercd's docker extension", log, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_ScriptedPipeline_WarnsAboutUnsupportedSteps()
    {
        var lint = Jenkinsfile.Parse(new SourceText("Jenkinsfile", "node {\n    sshagent(['deploy-key']) { sh 'git push' }\n    sh 'make'\n}\n"));
        var warning = Assert.Single(lint.Diagnostics);
        Assert.Equal("JP2010", warning.Code);
        Assert.StartsWith("step 'sshagent' is not supported", warning.Message, StringComparison.Ordinal);
    }
}
