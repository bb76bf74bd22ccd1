using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet.X509;

namespace ContainerCd.Runtime.Docker.Engine;

/// <summary>
/// TLS to a Docker engine as <c>docker --tlsverify</c> does it: a client certificate with its key, and a server
/// certificate that must chain to the given CA (not to the machine's trust store) and name the host.
/// Made from the PEM texts of an x509ClientCert credential.
/// </summary>
public sealed class EngineTls : IDisposable
{
    private readonly X509Certificate2 _client;
    private readonly X509Certificate2 _authority;

    private EngineTls(X509Certificate2 client, X509Certificate2 authority)
    {
        _client = client;
        _authority = authority;
    }

    /// <summary>Reads the PEM texts; a key or certificate that cannot be read is an <see cref="ArgumentException"/> saying which.</summary>
    public static EngineTls FromPem(string clientCertificate, string clientKey, string serverCaCertificate)
    {
        X509Certificate2 client;
        try
        {
            using var pem = X509Certificate2.CreateFromPem(clientCertificate, clientKey);

            // An ephemeral key cannot be used for a TLS handshake on every platform: a PKCS#12 round trip makes it a persisted one.
            client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new ArgumentException($"the client certificate or key is not valid PEM ({e.Message})", e);
        }

        try
        {
            return new EngineTls(client, X509Certificate2.CreateFromPem(serverCaCertificate));
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            client.Dispose();
            throw new ArgumentException($"the server CA certificate is not valid PEM ({e.Message})", e);
        }
    }

    internal CertificateCredentials Credentials() =>
        new(_client) { ServerCertificateValidationCallback = ValidateServer };

    private bool ValidateServer(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(_authority);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(server);
    }

    public void Dispose()
    {
        _client.Dispose();
        _authority.Dispose();
    }
}
