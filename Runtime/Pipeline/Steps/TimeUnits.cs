using System.Globalization;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>java.util.concurrent.TimeUnit names, and durations worded as Jenkins' Util.getTimeSpanString.</summary>
public static class TimeUnits
{
    public static TimeSpan ToTimeSpan(long amount, string unit) => unit.ToUpperInvariant() switch
    {
        "NANOSECONDS" => TimeSpan.FromTicks(amount / 100),
        "MICROSECONDS" => TimeSpan.FromTicks(amount * 10),
        "MILLISECONDS" => TimeSpan.FromMilliseconds(amount),
        "SECONDS" => TimeSpan.FromSeconds(amount),
        "MINUTES" => TimeSpan.FromMinutes(amount),
        "HOURS" => TimeSpan.FromHours(amount),
        "DAYS" => TimeSpan.FromDays(amount),
        _ => throw StepErrors.Abort($"Unknown time unit '{unit}': use NANOSECONDS, MICROSECONDS, MILLISECONDS, SECONDS, MINUTES, HOURS or DAYS"),
    };

    /// <summary>"10 sec", "1 min 30 sec", "1 hr 0 min", "1.5 sec", "250 ms", as Jenkins prints them.</summary>
    public static string Describe(TimeSpan span)
    {
        var ms = (long)span.TotalMilliseconds;
        var days = ms / 86_400_000;
        var hours = ms / 3_600_000 % 24;
        var minutes = ms / 60_000 % 60;
        var seconds = ms / 1000 % 60;
        var millis = ms % 1000;
        if (days > 0)
        {
            return Pair(days, days == 1 ? "day" : "days", hours, "hr");
        }

        if (hours > 0)
        {
            return Pair(hours, "hr", minutes, "min");
        }

        if (minutes > 0)
        {
            return Pair(minutes, "min", seconds, "sec");
        }

        if (seconds >= 10)
        {
            return seconds.ToString(CultureInfo.InvariantCulture) + " sec";
        }

        if (seconds >= 1)
        {
            var value = seconds + (millis / 100) / 10.0;
            return value.ToString("0.#", CultureInfo.InvariantCulture) + " sec";
        }

        if (millis >= 100)
        {
            return ((millis / 10) / 100.0).ToString("0.##", CultureInfo.InvariantCulture) + " sec";
        }

        return millis.ToString(CultureInfo.InvariantCulture) + " ms";
    }

    private static string Pair(long big, string bigLabel, long small, string smallLabel) =>
        big < 10
            ? string.Create(CultureInfo.InvariantCulture, $"{big} {bigLabel} {small} {smallLabel}")
            : string.Create(CultureInfo.InvariantCulture, $"{big} {bigLabel}");
}
