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

    [Fact]
    public void Lint_WithConfig_WarnsAtDeliveryStepsInStagesOnAnIsolatedAgentOrARemoteNode_WithRunsWords()
    {
        // Given a config with an isolated engine's agent and a remote node, and stages on them and on this server
        var file = Write("Jenkinsfile", """
            pipeline {
                agent none
                stages {
                    stage('iso') {
                        agent { label 'iso' }
                        steps {
                            composeDeploy file: 'compose.yml', project: 'shop'
                        }
                    }
                    stage('remote') {
                        agent { docker { label 'remote'; image 'containercd/busybox:latest' } }
                        steps {
                            promote project: 'shop'
                        }
                    }
                    stage('here') {
                        agent any
                        steps {
                            composeDown project: 'shop'
                        }
                    }
                }
            }
            """);
        var config = Write("containercd.yml", """
            agents: [{ name: iso, labels: [iso], image: containercd/busybox:latest, docker: isolated }]
            engines: [{ name: remote-1, docker: 'tcp://127.0.0.1:2375', labels: [remote], image: containercd/busybox:latest }]
            """);
        using var output = new StringWriter();

        // When
        var options = LintConfig.Apply(ValidationOptions.Default, config, output);
        var exit = LintCommand.Run([file], "text", options!, output, output);

        // Then: a warning at each refused step, in run's words; none for the stage on this server
        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains($"{file}:7:17: warning: {Parser.Diagnostics.DiagnosticCatalog.DeliveryOnIsolatedAgentMessage("composeDeploy", "iso")}", text, StringComparison.Ordinal);
        Assert.Contains($"{file}:13:17: warning: {Parser.Diagnostics.DiagnosticCatalog.DeliveryOnRemoteNodeMessage("promote", "remote-1")}", text, StringComparison.Ordinal);
        Assert.Contains("0 errors, 2 warnings", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_WithConfig_DoesNotWarnAtWithDockerContainerInAStageOnAnIsolatedAgent_WhichRunsItInTheBuildsEngine()
    {
        // Given a stage on an isolated engine's agent that runs an image's body
        var file = Write("Jenkinsfile", """
            pipeline {
                agent { label 'iso' }
                stages {
                    stage('test') {
                        steps {
                            withDockerContainer(image: 'containercd/busybox:latest') {
                                sh 'true'
                            }
                        }
                    }
                }
            }
            """);
        var config = Write("containercd.yml", "agents: [{ name: iso, labels: [iso], image: containercd/busybox:latest, docker: isolated }]\n");
        using var output = new StringWriter();

        // When
        var options = LintConfig.Apply(ValidationOptions.Default, config, output);
        var exit = LintCommand.Run([file], "text", options!, output, output);

        // Then run starts its container in the build's engine: nothing to warn about
        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.DoesNotContain("warning:", text, StringComparison.Ordinal);
        Assert.Contains("0 errors, 0 warnings", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 4)]
    [InlineData(", socket: /var/run/docker.sock", 0)]
    public void Lint_WithConfig_WarnsAtTheDockerGlobalsCliOperationsOnARemoteNode_UnlessItNamesItsSocket(string socket, int warnings)
    {
        // Given a stage on a remote node whose script runs the docker global's CLI operations (and inside, which runs on the node)
        var file = Write("Jenkinsfile", """
            pipeline {
                agent { label 'remote' }
                stages {
                    stage('docker') {
                        steps {
                            script {
                                def img = docker.build('app:1')
                                docker.withRegistry('http://127.0.0.1:5000', 'registry') {
                                    docker.image('app:1').push()
                                }
                                docker.image('db:1').withRun('-e X=1') { c -> sh 'true' }
                                docker.image('tool:1').inside { sh 'true' }
                                docker.withRegistry('http://127.0.0.1:5000') { echo 'no login' }
                            }
                        }
                    }
                }
            }
            """);
        var config = Write("containercd.yml", $"engines: [{{ name: remote-1, docker: 'tcp://127.0.0.1:2375', labels: [remote]{socket} }}]\n");
        using var output = new StringWriter();

        // When
        var options = LintConfig.Apply(ValidationOptions.Default, config, output);
        var exit = LintCommand.Run([file], "text", options!, output, output);

        // Then, without a socket, a warning at each operation run refuses there, in run's words; with one, none
        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains($"0 errors, {warnings} warnings", text, StringComparison.Ordinal);
        if (warnings > 0)
        {
            Assert.Contains($"{file}:7:38: warning: {Parser.Diagnostics.DiagnosticCatalog.DockerCommandOnRemoteNodeMessage("docker.build", "remote-1")}", text, StringComparison.Ordinal);
            Assert.Contains($"{file}:8:28: warning: {Parser.Diagnostics.DiagnosticCatalog.DockerCommandOnRemoteNodeMessage("docker.withRegistry (its docker login)", "remote-1")}", text, StringComparison.Ordinal);
            Assert.Contains($"{file}:9:47: warning: {Parser.Diagnostics.DiagnosticCatalog.DockerCommandOnRemoteNodeMessage("docker.image('app:1').push", "remote-1")}", text, StringComparison.Ordinal);
            Assert.Contains($"{file}:11:42: warning: {Parser.Diagnostics.DiagnosticCatalog.DockerCommandOnRemoteNodeMessage("docker.image('db:1').withRun", "remote-1")}", text, StringComparison.Ordinal);
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }
}
