using ContainerCd.Parser.Validation;
using ContainerCd.Server.Cli;

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
                        emailext subject: 'Build', body: 'done', to: 'team@example.com'
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
        Assert.Contains($"{file}:6:17: warning: step 'emailext' is not supported by containercd run", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_WithConfigDeclaringTheStepNoop_DoesNotWarn()
    {
        // Given
        var file = Write("Jenkinsfile", Jenkinsfile);
        var config = Write("containercd.yml", "noopSteps: [emailext]\n");
        using var output = new StringWriter();

        // When
        var options = LintCommand.WithConfig(ValidationOptions.Default, config, output);
        var exit = LintCommand.Run([file], "text", options!, output, output);

        // Then
        Assert.Equal(0, exit);
        Assert.Equal("1 file checked, 0 files with errors: 0 errors, 0 warnings", output.ToString().Trim());
    }

    [Fact]
    public void Lint_WithBadConfig_SaysWhyAndGivesNoOptions()
    {
        var config = Write("containercd.yml", "noopSteps: [emailext\n");
        using var error = new StringWriter();
        Assert.Null(LintCommand.WithConfig(ValidationOptions.Default, config, error));
        Assert.StartsWith("containercd lint: " + config, error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
