using System.Collections.Immutable;
using ContainerCd.Runtime.Pipeline.Configuration;

namespace ContainerCd.Testing.Nodes;

/// <summary>A config with the second engine as node remote-1 (labels remote), its TLS client certificate as an x509ClientCert credential.</summary>
public static class NodeConfig
{
    public const string Name = "remote-1";

    public static RuntimeConfig For(SecondEngine engine, int executors = 1) => RuntimeConfig.Empty with
    {
        Engines = [new EngineDefinition(Name, engine.Endpoint, ["remote"]) { TlsCredentialsId = "node-certs", Executors = executors }],
        Credentials = [new CredentialDefinition("node-certs", "x509ClientCert")
        {
            ClientCertificate = engine.Certificates.ClientCertPem,
            ClientKey = engine.Certificates.ClientKeyPem,
            ServerCaCertificate = engine.Certificates.CaPem,
        }],
    };

    /// <summary>The same, the node naming <paramref name="socket"/> as its own engine's socket (<c>socket:</c>).</summary>
    public static RuntimeConfig WithSocket(SecondEngine engine, string socket, int executors = 1)
    {
        var config = For(engine, executors);
        return config with { Engines = [config.Engines[0] with { Socket = socket }] };
    }

    public static ImmutableArray<string> Lines(string text) => [.. text.Split('\n')];
}
