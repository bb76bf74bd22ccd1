using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// File credentials in Docker agents, as in Jenkins: the secret file is written to WORKSPACE@tmp/secretFiles,
/// which the agent container mounts at the same path, so it is readable where the variable says; its path is
/// masked in the log, and the file is gone once the binding ends.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class SecretFileTests(DockerFixture docker) : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("containercd-secretfile-test-").FullName;

    private static RuntimeConfig Config => RuntimeConfig.Empty with
    {
        Credentials =
        [
            new CredentialDefinition("settings", "file") { FileName = "settings.xml", Content = "<settings>from the store</settings>\n" },
            new CredentialDefinition("deploy-key", "sshUserPrivateKey") { Username = "deployer", PrivateKey = "KEY LINE ONE\nKEY LINE TWO\n" },
        ],
    };

    [Theory]
    [InlineData("agent { docker { image 'IMAGE' } }", "")]
    [InlineData("agent any", "docker.image('IMAGE').inside {")]
    public async Task FileAndSshKeyCredentials_InADockerAgent_AreReadableAtTheirPath_ThenRemoved(string agent, string inside)
    {
        docker.RequireEngine();
        var jenkinsfile = $$"""
            pipeline {
                {{agent.Replace("IMAGE", docker.BaseImage, StringComparison.Ordinal)}}
                environment { SETTINGS_ENV = credentials('settings') }
                stages {
                    stage('Secrets') {
                        steps {
                            script {
                                {{inside.Replace("IMAGE", docker.BaseImage, StringComparison.Ordinal)}}
                                sh 'echo "env file: $(cat "$SETTINGS_ENV")"'
                                withCredentials([file(credentialsId: 'settings', variable: 'SETTINGS'),
                                                 sshUserPrivateKey(credentialsId: 'deploy-key', keyFileVariable: 'KEY', usernameVariable: 'KEY_USER')]) {
                                    sh 'echo "file: $(cat "$SETTINGS")"; echo "key: $(head -n 1 "$KEY"), mode $(stat -c %a "$KEY")"; echo "path: $SETTINGS"; echo "$SETTINGS" > secret-path.txt'
                                }
                                sh 'if [ -e "$(cat secret-path.txt)" ]; then echo "secret file still there"; else echo "secret file removed"; fi'
                                {{(inside.Length > 0 ? "}" : "")}}
                            }
                        }
                    }
                }
            }
            """;

        var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "secret-files", config: Config);

        Assert.True(outcome.Result == BuildResult.Success, log);
        Assert.Contains("env file: <settings>from the store</settings>", log, StringComparison.Ordinal);
        Assert.Contains("file: <settings>from the store</settings>", log, StringComparison.Ordinal);
        Assert.Contains("key: KEY LINE ONE, mode 600", log, StringComparison.Ordinal);
        Assert.Contains("path: ****", log, StringComparison.Ordinal);
        Assert.Contains("secret file removed", log, StringComparison.Ordinal);
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
