using ContainerCd.Parser.Validation;
using ContainerCd.Entry;
using ContainerCd.Server.Cli;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary><c>containercd lint</c> warns about steps <c>containercd run</c> would refuse, and knows run's config.</summary>
public sealed class LintCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "ccd-lint-" + Guid.NewGuid().ToString("N")[..12]);

    public LintCommandTests() => Directory.CreateDirectory(_folder);

    private const string Jenkinsfile = """
        pipeline {
            agent any
            stages {
                stage('notify') {
                    steps {
                        publishChecks name: 'build', title: 'Build'
                    }
                }
            }
        }
        """;

    [Fact]
    public void Lint_UnsupportedStep_WarnsThatRunDoesNotSupportIt()
    {
        // Given
        var file = Write("Jenkinsfile", Jenkinsfile);
        using var output = new StringWriter();

        // When
        var exit = LintCommand.Run([file], "text", ValidationOptions.Default, output, output);

        // Then
        Assert.Equal(0, exit);
        Assert.Contains($"{file}:6:17: warning: step 'publishChecks' is not supported by containercd run", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_WithConfigDeclaringTheStepNoop_DoesNotWarn()
    {
        // Given
        var file = Write("Jenkinsfile", Jenkinsfile);
        var config = Write("containercd.yml", "noopSteps: [publishChecks]\n");
        using var output = new StringWriter();

        // When
        var options = LintConfig.Apply(ValidationOptions.Default, config, output);
        var exit = LintCommand.Run([file], "text", options!, output, output);

        // Then
        Assert.Equal(0, exit);
        Assert.Equal("1 file checked, 0 files with errors: 0 errors, 0 warnings", output.ToString().Trim());
    }

    [Fact]
    public void Lint_WithBadConfig_SaysWhyAndGivesNoOptions()
    {
        var config = Write("containercd.yml", "noopSteps: [publishChecks\n");
        using var error = new StringWriter();
        Assert.Null(LintConfig.Apply(ValidationOptions.Default, config, error));
        Assert.StartsWith("containercd lint: " + config, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LintProcess_WithConfig_TheEntryHandsItToTheServerWhichReadsTheConfig()
    {
        // Given: the entry executable itself (it has no YAML reader of its own)
        var file = Write("Jenkinsfile", Jenkinsfile);
        var config = Write("containercd.yml", "noopSteps: [publishChecks]\n");

        // When
        using var withConfig = CliProcess.Start(_folder, "lint", "--config", config, file);
        using var without = CliProcess.Start(_folder, "lint", file);

        // Then
        Assert.Equal(0, await withConfig.ExitCodeAsync());
        Assert.Contains("0 errors, 0 warnings", withConfig.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, await without.ExitCodeAsync());
        Assert.Contains("step 'publishChecks' is not supported by containercd run", without.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
