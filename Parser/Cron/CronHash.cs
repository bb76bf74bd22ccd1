using System.Security.Cryptography;
using System.Text;

namespace ContainerCd.Parser.Cron;

/// <summary>
/// Where the values of <c>H</c> come from, as Jenkins' hudson.scheduler.Hash: a java.util.Random seeded with
/// the MD5 of the job's full name (its 16 bytes folded onto 8, read big-endian). One hash serves every line of
/// a spec in turn, so two <c>H * * * *</c> lines get two different minutes, as on Jenkins.
/// </summary>
public sealed class CronHash
{
    private readonly Func<int, int> _next;

    /// <summary>A hash drawing its values from <paramref name="next"/> (given n, a value in [0, n)); for tests.</summary>
    internal CronHash(Func<int, int> next) => _next = next;

    /// <summary>Always 0: what Jenkins uses where no job is known (and H means the first value of its range).</summary>
    public static CronHash Zero => new(_ => 0);

    public static CronHash From(string seed)
    {
        ArgumentNullException.ThrowIfNull(seed);
#pragma warning disable CA5351 // Not security: Jenkins' hash of the job name, reproduced so that H picks the same values.
        var digest = MD5.HashData(Encoding.UTF8.GetBytes(seed));
#pragma warning restore CA5351
        for (var i = 8; i < digest.Length; i++)
        {
            digest[i % 8] ^= digest[i];
        }

        long value = 0;
        for (var i = 0; i < 8; i++)
        {
            value = unchecked((value << 8) + digest[i]);
        }

        var random = new JavaRandom(value);
        return new CronHash(random.NextInt);
    }

    /// <summary>The next value in [0, n).</summary>
    public int Next(int n) => _next(n);
}
