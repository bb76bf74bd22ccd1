using System.Text.RegularExpressions;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Results;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// The Docker Pipeline globals as Jenkins' Docker.groovy runs them: <c>withRegistry(url, credentialsId)</c> logs in
/// (in a busybox agent too), and <c>image.push()</c> tags the image for that registry before pushing it, to a real
/// registry; the images a build makes stay when it ends; <c>withRun</c> sidecars reached with <c>inside('--link')</c>.
/// </summary>
[Collection(DockerTests.Name)]
public sealed partial class DockerRegistryTests(DockerFixture docker) : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("containercd-registry-test-").FullName;
    private readonly string _repository = "containercd-test/pushed-" + Guid.NewGuid().ToString("N")[..10];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WithRegistry_InABusyboxAgent_LogsInTagsAndPushes_AndTheBuiltImageStays()
    {
        docker.RequireEngine();
        Assert.SkipWhen(!LocalRegistry.IsInstalled && !DockerFixture.MustRun, $"no {LocalRegistry.Executable} (apt-get install docker-registry)");
        await using var registry = await LocalRegistry.StartAsync(Token);
        var config = RuntimeConfig.Empty with
        {
            Credentials = [new CredentialDefinition("registry", "usernamePassword") { Username = LocalRegistry.User, Password = LocalRegistry.Password }],
        };
        var jenkinsfile = $$"""
            pipeline {
                agent { docker { image '{{docker.BaseImage}}' } }
                stages {
                    stage('Push') {
                        steps {
                            writeFile file: 'img/Dockerfile', text: 'FROM {{docker.BaseImage}}\nRUN echo pushed > /pushed.txt\n'
                            script {
                                def img = docker.build('{{_repository}}:1', 'img')
                                docker.withRegistry('http://{{registry.Host}}', 'registry') {
                                    img.push()
                                    img.push('latest')
                                    echo "qualified ${img.imageName()} for ${env.DOCKER_REGISTRY_URL}"
                                }
                            }
                        }
                    }
                }
            }
            """;

        try
        {
            var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "registry-push", config: config);

            Assert.True(outcome.Result == BuildResult.Success, log);
            Assert.Contains("Login Succeeded", log, StringComparison.Ordinal);
            Assert.DoesNotContain(LocalRegistry.Password, log, StringComparison.Ordinal);
            Assert.Contains($"qualified {registry.Host}/{_repository}:1 for http://{registry.Host}", log, StringComparison.Ordinal);
            var tags = await registry.TagsAsync(_repository, Token);
            Assert.Contains("\"1\"", tags, StringComparison.Ordinal);
            Assert.Contains("\"latest\"", tags, StringComparison.Ordinal);

            // As in Jenkins, the build's images are the user's: the build's end removed its containers only.
            await docker.Engine.Client.Images.InspectImageAsync($"{_repository}:1", Token);
            await docker.Engine.Client.Images.InspectImageAsync($"{registry.Host}/{_repository}:latest", Token);
        }
        finally
        {
            foreach (var image in new[] { $"{_repository}:1", $"{registry.Host}/{_repository}:1", $"{registry.Host}/{_repository}:latest" })
            {
                await RemoveImageAsync(image);
            }
        }
    }

    [Fact]
    public async Task WithRunSidecar_ReachedFromInsideByItsLink_AsInJenkinsDocumentation()
    {
        docker.RequireEngine();
        var jenkinsfile = $$"""
            pipeline {
                agent any
                stages {
                    stage('Sidecar') {
                        steps {
                            script {
                                docker.image('{{docker.BaseImage}}').withRun('-e "ROLE=database"', 'httpd -f -p 8080 -h /etc') { c ->
                                    echo "sidecar ${c.id}"
                                    docker.image('{{docker.BaseImage}}').inside("--link ${c.id}:db") {
                                        def answer = sh(script: 'for i in $(seq 1 40); do wget -q -O - http://db:8080/hostname && exit 0; sleep 0.25; done; exit 1', returnStdout: true).trim()
                                        echo "db answered ${answer}"
                                    }
                                }
                            }
                        }
                    }
                }
            }
            """;

        var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "sidecar-link");

        Assert.True(outcome.Result == BuildResult.Success, log);
        var sidecar = SidecarLine().Match(log).Groups[1].Value;
        var answer = AnswerLine().Match(log).Groups[1].Value;
        Assert.True(answer.Length == 12 && sidecar.StartsWith(answer, StringComparison.Ordinal), log);
    }

    [GeneratedRegex("sidecar ([0-9a-f]{64})\n")]
    private static partial Regex SidecarLine();

    [GeneratedRegex("db answered ([0-9a-f]+)\n")]
    private static partial Regex AnswerLine();

    private async Task RemoveImageAsync(string image)
    {
        try
        {
            await docker.Engine.Client.Images.DeleteImageAsync(image, new ImageDeleteParameters { Force = true }, CancellationToken.None);
        }
        catch (DockerApiException)
        {
        }
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
