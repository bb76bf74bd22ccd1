using System.Security.Cryptography;
using System.Text;

namespace ContainerCd.Server.Webhooks;

/// <summary>
/// A webhook secret (a secret-text credential's value). It never prints (its ToString is masked, so a record
/// holding it cannot leak it into a log) and is only ever compared in constant time.
/// </summary>
internal sealed class SecretText(string value)
{
    private readonly byte[] _bytes = Encoding.UTF8.GetBytes(value);

    /// <summary>Whether <paramref name="signature"/> is the HMAC-SHA256 of <paramref name="body"/> with this secret.</summary>
    public bool SignedHmacSha256(ReadOnlySpan<byte> body, ReadOnlySpan<byte> signature)
    {
        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_bytes, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, signature);
    }

    /// <summary>Whether <paramref name="token"/> is this secret (hashed first, so neither its length nor its content shows in the timing).</summary>
    public bool Is(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), SHA256.HashData(_bytes));
    }

    public override string ToString() => "****";
}
