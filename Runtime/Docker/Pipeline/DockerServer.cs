using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Files;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Docker.Pipeline;

/// <summary>
/// <c>docker.withServer(uri, credentialsId) { }</c> and <c>withDockerServer([uri:, credentialsId:]) { }</c>, as Jenkins'
/// DockerServerEndpoint: the body's docker commands go to that engine (<c>DOCKER_HOST</c>); with an X.509 client
/// certificate credential, over TLS (its PEMs as <c>key.pem</c>, <c>cert.pem</c>, <c>ca.pem</c> in a folder of
/// <c>WORKSPACE@tmp</c>, <c>DOCKER_CERT_PATH</c> and <c>DOCKER_TLS_VERIFY=1</c>), removed when the body ends.
/// </summary>
internal static class DockerServer
{
    public static async Task<object?> WithServerAsync(Frame frame, SourceSpan span, string? uri, string? credentialsId, CallableValue body)
    {
        var flow = frame.Flow;
        var build = flow.Build ?? throw StepErrors.Abort("docker commands need a running build");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(uri))
        {
            environment["DOCKER_HOST"] = uri;
        }

        string? certificates = null;
        if (!string.IsNullOrEmpty(credentialsId))
        {
            var credential = CredentialBinder.Find(build, credentialsId);
            if (credential is not { ClientKey: { } key, ClientCertificate: { } certificate, ServerCaCertificate: { } authority })
            {
                throw StepErrors.Abort($"withDockerServer: the credential '{credentialsId}' is of type {credential.Type}; it needs an X.509 client certificate (x509ClientCert: clientKey, clientCertificate, serverCaCertificate)");
            }

            var node = flow.Node ?? throw StepErrors.MissingNode("withDockerServer");
            certificates = Path.Combine(ContainerFactory.TempDirectory(node.Workspace), "docker-certs-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.CreateDirectory(certificates);
            build.Sink.Masker.Add(key);
            var keyFile = Path.Combine(certificates, "key.pem");
            await SecretFile.WriteAsync(keyFile, key, flow.CancellationToken).ConfigureAwait(false);

            await File.WriteAllTextAsync(Path.Combine(certificates, "cert.pem"), certificate, flow.CancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(certificates, "ca.pem"), authority, flow.CancellationToken).ConfigureAwait(false);
            environment["DOCKER_TLS_VERIFY"] = "1";
            environment["DOCKER_CERT_PATH"] = certificates;
        }

        try
        {
            return await body.CallAsync(frame.Interpreter, [], frame.WithFlow(flow.WithEnvironment(environment)), span).ConfigureAwait(false);
        }
        finally
        {
            if (certificates is not null)
            {
                try
                {
                    Directory.Delete(certificates, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The workspace's cleanup takes it.
                }
            }
        }
    }
}
