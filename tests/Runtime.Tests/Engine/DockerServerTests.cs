using ContainerCd.Runtime.Docker.Pipeline;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Testing;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>
/// <c>docker.withServer(uri, credentialsId) { }</c> and <c>withDockerServer</c> send the body's docker commands to that
/// engine, as Jenkins' DockerServerEndpoint does (<c>DOCKER_HOST</c>, and with an X.509 client certificate
/// <c>DOCKER_TLS_VERIFY</c> and <c>DOCKER_CERT_PATH</c> with its PEMs, removed after the body).
/// </summary>
public class DockerServerTests
{
    private static readonly string[] CertificateFiles = ["key.pem", "cert.pem", "ca.pem"];

    private static readonly RuntimeConfig WithCertificate = RuntimeConfig.Empty with
    {
        Credentials =
        [
            new CredentialDefinition("engine-certs", "x509ClientCert") { ClientKey = "KEY-PEM", ClientCertificate = "CERT-PEM", ServerCaCertificate = "CA-PEM" },
            new CredentialDefinition("a-password", "usernamePassword") { Username = "u", Password = "p" },
        ],
    };

    [Theory]
    [InlineData("docker.withServer('tcp://127.0.0.1:2376') { docker.build('shop:1'); sh 'docker ps' }")]
    [InlineData("withDockerServer([uri: 'tcp://127.0.0.1:2376']) { docker.build('shop:1'); sh 'docker ps' }")]
    [InlineData("withDockerServer(server: [uri: 'tcp://127.0.0.1:2376']) { docker.build('shop:1'); sh 'docker ps' }")]
    public async Task WithServer_BodysDockerCommandsGoToThatEngine_AndOnlyThem(string script)
    {
        // Given an agent that records its commands
        var provider = new FakeAgentProvider();
        using var runner = new PipelineRunner { HostProvider = provider };

        // When the body runs docker commands, and a step runs after it
        var (result, log, _) = await runner.RunAsync($"pipeline {{ agent any\n stages {{ stage('s') {{ steps {{\n script {{ {script} }}\n sh 'after' }} }} }} }}",
            adjust: r => r with { Extensions = [DockerPipelineExtension.Instance] });

        // Then the body's commands have DOCKER_HOST; the step after it does not
        Assert.True(result == BuildResult.Success, log);
        var commands = Assert.Single(provider.Agents).Commands.ToList();
        Assert.Equal(["docker build -t shop:1 .", "docker ps", "after"], commands.Select(c => c.Script));
        Assert.All(commands.Take(2), c => Assert.Equal("tcp://127.0.0.1:2376", c.Environment["DOCKER_HOST"]));
        Assert.False(commands[2].Environment.ContainsKey("DOCKER_HOST"));
    }

    [Fact]
    public async Task WithServerAndACertificateCredential_TheBodySeesTheTlsFiles_WhichGoAfterIt()
    {
        // Given an agent that looks at the certificate folder while a step runs
        var seen = new List<string>();
        var provider = new FakeAgentProvider(command =>
        {
            if (command.Environment.TryGetValue("DOCKER_CERT_PATH", out var path))
            {
                seen.Add(path);
                seen.Add(command.Environment["DOCKER_TLS_VERIFY"]);
                seen.AddRange(CertificateFiles.Select(f => File.ReadAllText(Path.Combine(path, f))));
            }

            return (0, "");
        });
        using var runner = new PipelineRunner { HostProvider = provider, Config = WithCertificate };

        // When
        var (result, log, _) = await runner.RunAsync("pipeline { agent any\n stages { stage('s') { steps {\n script { docker.withServer('tcp://127.0.0.1:2376', 'engine-certs') { sh 'docker ps' } } } } } }",
            adjust: r => r with { Extensions = [DockerPipelineExtension.Instance] });

        // Then
        Assert.True(result == BuildResult.Success, log);
        Assert.Equal(5, seen.Count);
        Assert.Equal(["1", "KEY-PEM", "CERT-PEM", "CA-PEM"], seen.Skip(1));
        Assert.StartsWith(Path.Combine(runner.Home, "workspace", "test0@tmp"), seen[0], StringComparison.Ordinal);
        Assert.False(Directory.Exists(seen[0]));
    }

    [Theory]
    [InlineData("a-password", "withDockerServer: the credential 'a-password' is of type usernamePassword; it needs an X.509 client certificate")]
    [InlineData("missing", "Could not find credentials entry with ID 'missing'")]
    public async Task WithServerAndAnotherCredential_FailsSayingWhat(string id, string expected)
    {
        var provider = new FakeAgentProvider();
        using var runner = new PipelineRunner { HostProvider = provider, Config = WithCertificate };

        var (result, log, _) = await runner.RunAsync($"pipeline {{ agent any\n stages {{ stage('s') {{ steps {{\n script {{ docker.withServer('tcp://127.0.0.1:2376', '{id}') {{ sh 'docker ps' }} }} }} }} }} }}",
            adjust: r => r with { Extensions = [DockerPipelineExtension.Instance] });

        Assert.True(result == BuildResult.Failure, log);
        Assert.Contains("ERROR: " + expected, log, StringComparison.Ordinal);
        Assert.Empty(Assert.Single(provider.Agents).Commands);
    }
}
