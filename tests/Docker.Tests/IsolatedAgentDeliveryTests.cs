using ContainerCd.Docker.Tests.Delivery;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Runtime.Delivery.Deploying;
using ContainerCd.Runtime.Delivery.Steps;
using ContainerCd.Runtime.Docker.Compose;
using ContainerCd.Runtime.Docker.Isolated;
using ContainerCd.Runtime.Docker.Ownership;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Results;
using Docker.DotNet.Models;

namespace ContainerCd.Docker.Tests;

/// <summary>
/// The delivery steps deploy on this machine's engine behind its router: on an agent with <c>docker: isolated</c>, whose
/// pipeline must not touch the host engine (and whose own engine vanishes with the build), they are refused by name.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class IsolatedAgentDeliveryTests(DockerFixture docker) : IDisposable
{
    private const string Config = "agents: [{ name: iso, labels: [iso], image: containercd/busybox:latest, docker: isolated }]\n";

    private readonly string _home = Directory.CreateTempSubdirectory("containercd-isolated-deploy-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ComposeDeployOnAnIsolatedAgent_IsRefusedNamingTheAgent_AndTheHostEngineGetsNothing()
    {
        docker.RequireEngine();
        await using var isolated = new IsolatedEngineAgentProvider(docker.Engine, docker.Provider);
        var project = "iso-refused-" + Guid.NewGuid().ToString("N")[..8];
        var compose = new DockerComposeEngine(docker.Engine, TimeProvider.System);
        var router = new RecordingRouter();
        var jenkinsfile = $$"""
            pipeline {
              agent { label 'iso' }
              stages {
                stage('deploy') {
                  steps {
                    writeFile file: 'compose.yml', text: 'services:\n  web:\n    image: containercd/busybox:latest\n    command: ["sleep", "300"]\n'
                    composeDeploy file: 'compose.yml', project: '{{project}}'
                  }
                }
              }
            }
            """;
        try
        {
            // When a stage on the isolated agent deploys
            var (outcome, log) = await PipelineRun.RunAsync(docker, _home, jenkinsfile, "iso-deploy", config: ConfigLoader.Parse(Config, "containercd.yml"), agents: [isolated],
                extensions: [new DeliveryPipelineExtension(compose, router)]);

            // Then the step is refused, the build fails, and the host engine has no deployment and nothing of the build
            Assert.True(outcome.Result == BuildResult.Failure, log);
            Assert.Contains(DiagnosticCatalog.DeliveryOnIsolatedAgentMessage("composeDeploy", "iso"), log, StringComparison.Ordinal);
            Assert.EndsWith("Finished: FAILURE\n", log, StringComparison.Ordinal);
            Assert.Empty(await compose.ListAsync(project, Token));
            Assert.Empty(router.Applied);
            var filter = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ResourceLabels.Build}={outcome.BuildId}"] = true } };
            Assert.Empty(await docker.Engine.Client.Containers.ListContainersAsync(new ContainersListParameters { All = true, Filters = filter }, Token));
        }
        finally
        {
            // Old code deployed on the host engine: what it deployed does not outlive the test.
            await new ComposeDeployer(compose, router, new RecordingReport()).DownAsync(project, CancellationToken.None);
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
