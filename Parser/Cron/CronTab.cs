using System.Text.RegularExpressions;

namespace ContainerCd.Parser.Cron;

/// <summary>
/// One line of a schedule, as Jenkins' hudson.scheduler.CronTab: a bit set per field (minutes, hours, days of
/// the month, months, days of the week with Sunday as 0), matched against the local time of a minute.
/// </summary>
public sealed partial class CronTab
{
    private readonly long[] _bits;

    internal CronTab(string spec, long[] bits)
    {
        Spec = spec;
        _bits = bits;
        if ((_bits[CronField.DayOfWeek] & (1L << 7)) != 0)
        {
            // 7 is Sunday too.
            _bits[CronField.DayOfWeek] = (_bits[CronField.DayOfWeek] | 1) & ~(1L << 7);
        }
    }

    /// <summary>The line as written; for <c>@daily</c> and its kind, what it stands for (<c>H H * * *</c>), as Jenkins keeps it.</summary>
    public string Spec { get; }

    /// <summary>Whether the minute of this local time is one the line names (seconds are ignored).</summary>
    public bool Matches(DateTime local) =>
        Has(CronField.Minute, local.Minute)
        && Has(CronField.Hour, local.Hour)
        && Has(CronField.DayOfMonth, local.Day)
        && Has(CronField.Month, local.Month)
        && Has(CronField.DayOfWeek, (int)local.DayOfWeek);

    internal bool Has(int field, int value) => (_bits[field] & (1L << value)) != 0;

    /// <summary>Jenkins' warning for a line that is legal but probably not meant (every minute, short day cycles, no H); null when none.</summary>
    public string? CheckSanity()
    {
        for (var field = 0; field < 5; field++)
        {
            var sparse = false;
            for (var value = CronField.Lower[field]; value <= CronField.Upper[field]; value++)
            {
                // Day of week 7 was folded onto 0: Jenkins checks the bit as it is stored.
                if (!Has(field, value))
                {
                    sparse = true;
                    break;
                }
            }

            if (sparse)
            {
                if (field > 0)
                {
                    return CronMessages.EveryMinute(Spec, "H " + Spec[(Spec.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
                }

                break;
            }
        }

        var daysOfMonth = 0;
        for (var day = 1; day < 31; day++)
        {
            daysOfMonth += Has(CronField.DayOfMonth, day) ? 1 : 0;
        }

        if (daysOfMonth is > 5 and < 28)
        {
            return CronMessages.ShortDayOfMonthCycles;
        }

        return Hashify(Spec) is { } hashed ? CronMessages.SpreadLoad(hashed, Spec) : null;
    }

    /// <summary>Jenkins' CronTab.hashify: the same schedule spread with H (<c>*/15</c> → <c>H/15</c>, <c>0 3</c> → <c>H 3</c>), or null.</summary>
    public static string? Hashify(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.Contains('H', StringComparison.Ordinal))
        {
            return null;
        }

        if (spec.StartsWith("*/", StringComparison.Ordinal))
        {
            return "H" + spec[1..];
        }

        if (FixedMinute().IsMatch(spec))
        {
            return "H " + spec[(spec.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        }

        var match = EvenMinutes().Match(spec);
        if (match.Success && int.TryParse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture, out var period) && period > 0)
        {
            var expected = new System.Text.StringBuilder();
            for (var minute = period; minute < 60; minute += period)
            {
                expected.Append(',').Append(minute);
            }

            if (expected.ToString() == match.Groups[1].Value)
            {
                return "H/" + period + match.Groups[4].Value;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^[0-9]+ .+$", RegexOptions.Singleline)]
    private static partial Regex FixedMinute();

    [GeneratedRegex(@"^0(,([0-9]+)(,[0-9]+)*)( .+)$", RegexOptions.Singleline)]
    private static partial Regex EvenMinutes();
}
