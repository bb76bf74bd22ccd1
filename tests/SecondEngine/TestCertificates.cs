using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ContainerCd.Testing.Nodes;

/// <summary>
/// A certificate authority, a server certificate for 127.0.0.1 and a client certificate, made by the test (no
/// openssl), in PEM as dockerd's <c>--tlsverify</c> and a node's <c>x509ClientCert</c> credential take them.
/// </summary>
public sealed record TestCertificates(string CaPem, string ServerCertPem, string ServerKeyPem, string ClientCertPem, string ClientKeyPem)
{
    public static TestCertificates Create()
    {
        var now = DateTimeOffset.UnixEpoch.AddSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds());
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=containercd test CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(2));

        var (serverCert, serverKey) = Issue(ca, "CN=127.0.0.1", now, server: true);
        var (clientCert, clientKey) = Issue(ca, "CN=containercd", now, server: false);
        return new TestCertificates(ca.ExportCertificatePem(), serverCert, serverKey, clientCert, clientKey);
    }

    /// <summary>Writes ca.pem, server-cert.pem, server-key.pem, cert.pem and key.pem (the docker CLI's names) into <paramref name="directory"/>.</summary>
    public void WriteTo(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "ca.pem"), CaPem);
        File.WriteAllText(Path.Combine(directory, "server-cert.pem"), ServerCertPem);
        File.WriteAllText(Path.Combine(directory, "server-key.pem"), ServerKeyPem);
        File.WriteAllText(Path.Combine(directory, "cert.pem"), ClientCertPem);
        File.WriteAllText(Path.Combine(directory, "key.pem"), ClientKeyPem);
    }

    private static (string Cert, string Key) Issue(X509Certificate2 ca, string subject, DateTimeOffset now, bool server)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyAgreement, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [server ? new Oid("1.3.6.1.5.5.7.3.1", "serverAuth") : new Oid("1.3.6.1.5.5.7.3.2", "clientAuth")], false));
        if (server)
        {
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(ca, now.AddDays(-1), now.AddDays(1), serial);
        return (issued.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem());
    }
}
