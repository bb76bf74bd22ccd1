using Microsoft.AspNetCore.Http;

namespace ContainerCd.Server.Webhooks;

/// <summary>
/// Whether a webhook was sent by someone holding the job's secret, as each provider signs: GitHub
/// <c>X-Hub-Signature-256: sha256=HEX</c> (HMAC-SHA256 of the body), Gitea/Forgejo <c>X-Gitea-Signature: HEX</c>
/// (or <c>X-Forgejo-Signature</c>, the same HMAC), GitLab <c>X-Gitlab-Token: SECRET</c>. Compared in constant time.
/// </summary>
internal static class WebhookSignature
{
    public static bool Verify(GitProvider provider, IHeaderDictionary headers, ReadOnlySpan<byte> body, SecretText secret)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(secret);
        switch (provider)
        {
            case GitProvider.GitLab:
                return headers.TryGetValue("X-Gitlab-Token", out var token) && token.Count == 1 && secret.Is(token.ToString());
            case GitProvider.Gitea:
                var hex = headers["X-Forgejo-Signature"].ToString() is { Length: > 0 } forgejo ? forgejo : headers["X-Gitea-Signature"].ToString();
                return Hmac(hex, body, secret);
            default:
                var signature = headers["X-Hub-Signature-256"].ToString();
                return signature.StartsWith("sha256=", StringComparison.Ordinal) && Hmac(signature["sha256=".Length..], body, secret);
        }
    }

    private static bool Hmac(string hex, ReadOnlySpan<byte> body, SecretText secret)
    {
        hex = hex.Trim();
        if (hex.Length != 64)
        {
            return false;
        }

        try
        {
            return secret.SignedHmacSha256(body, Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
