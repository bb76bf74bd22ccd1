using ContainerCd.Runtime.Docker.Nodes;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Docker.Tests.Nodes;

/// <summary>
/// Credentials in a stage on a remote node: values bound to variables reach the node's steps (masked in the log); a file
/// credential, whose file would be written on this server where the node's steps cannot read it, is refused by name
/// instead of handing the step a path to nothing.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class RemoteNodeCredentialTests(DockerFixture docker) : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("containercd-node-credentials-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("withCredentials([file(credentialsId: 'settings', variable: 'F')]) { sh 'cat \"$F\"' }", "withCredentials' file(credentialsId: 'settings')")]
    [InlineData("withCredentials([sshUserPrivateKey(credentialsId: 'deploy-key', keyFileVariable: 'K')]) { sh 'cat \"$K\"' }", "withCredentials' sshUserPrivateKey(credentialsId: 'deploy-key')")]
    [InlineData("withEnv(['X=1']) { sh 'echo \"env file: $SETTINGS\"' }", "credentials('settings')")]
    public async Task FileCredential_InAStageOnTheNode_FailsNamingTheBindingAndTheNode(string steps, string binding)
    {
        // Given a stage on the node binding a file credential (by withCredentials, or credentials() in its environment)
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        await using var engine = await SecondEngine.StartAsync([_home], Token);
        await using var nodes = RemoteNodes.Create(NodeConfig.For(engine), docker.Engine);
        var environment = binding.StartsWith("credentials", StringComparison.Ordinal) ? "environment { SETTINGS = credentials('settings') }" : "";
        var jenkinsfile = $$"""
            pipeline {
              agent none
              stages {
                stage('remote') {
                  agent { label 'remote' }
                  {{environment}}
                  steps { {{steps}} }
                }
              }
            }
            """;

        // When it runs
        var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "node-credentials", config: Config(engine), agents: [new RemoteNodeAgentProvider(nodes)]);

        // Then the build fails naming the binding and the node, and no step read a path that is not there
        Assert.True(outcome.Result == BuildResult.Failure, log);
        Assert.Contains($"{binding} cannot be bound on the remote node '{NodeConfig.Name}': its file would be written on this server", log, StringComparison.Ordinal);
        Assert.DoesNotContain("No such file", log, StringComparison.Ordinal);
        Assert.EndsWith("Finished: FAILURE\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StringCredential_InAStageOnTheNode_ReachesTheStepMasked()
    {
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        await using var engine = await SecondEngine.StartAsync([_home], Token);
        await using var nodes = RemoteNodes.Create(NodeConfig.For(engine), docker.Engine);
        const string jenkinsfile = """
            pipeline {
              agent { label 'remote' }
              stages {
                stage('remote') {
                  steps {
                    withCredentials([string(credentialsId: 'token', variable: 'T')]) {
                      sh 'echo "token: $T, length ${#T}"'
                    }
                  }
                }
              }
            }
            """;

        var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "node-credentials", config: Config(engine), agents: [new RemoteNodeAgentProvider(nodes)]);

        Assert.True(outcome.Result == BuildResult.Success, log);
        Assert.Contains("token: ****, length 12", log, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", log, StringComparison.Ordinal);
    }

    private static RuntimeConfig Config(SecondEngine engine)
    {
        var config = NodeConfig.For(engine);
        return config with
        {
            Credentials =
            [
                .. config.Credentials,
                new CredentialDefinition("settings", "file") { FileName = "settings.xml", Content = "<settings/>\n" },
                new CredentialDefinition("deploy-key", "sshUserPrivateKey") { Username = "deployer", PrivateKey = "KEY\n" },
                new CredentialDefinition("token", "string") { Secret = "s3cr3t-value" },
            ],
        };
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
