namespace ContainerCd.Parser.Cron;

/// <summary>
/// java.util.Random's linear congruential generator, bit for bit: Jenkins draws the values of <c>H</c> from
/// one, so a job fires at the same minute here as on Jenkins only if this sequence is the same.
/// </summary>
internal sealed class JavaRandom(long seed)
{
    private const long Multiplier = 0x5DEECE66DL;
    private const long Mask = (1L << 48) - 1;

    private long _seed = (seed ^ Multiplier) & Mask;

    /// <summary>Random.nextInt(bound): uniform in [0, bound), with Java's rejection of the biased tail.</summary>
    public int NextInt(int bound)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bound);
        unchecked
        {
            var r = Next(31);
            var m = bound - 1;
            if ((bound & m) == 0)
            {
                return (int)((bound * (long)r) >> 31);
            }

            for (var u = r; u - (r = u % bound) + m < 0; u = Next(31))
            {
            }

            return r;
        }
    }

    private int Next(int bits)
    {
        unchecked
        {
            _seed = ((_seed * Multiplier) + 0xBL) & Mask;
            return (int)((ulong)_seed >> (48 - bits));
        }
    }
}
