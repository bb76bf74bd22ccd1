using System.Globalization;

namespace ContainerCd.Parser.Cron;

/// <summary>
/// Jenkins' words for crontab problems (hudson/scheduler/Messages.properties and hudson/triggers'), with Java's
/// MessageFormat number style (1,000).
/// </summary>
public static class CronMessages
{
    public static string InvalidInput(string line, string reason) => $"Invalid input: \"{line}\": {reason}";

    public static string InvalidTimeZone(string zone) => $"Invalid or unsupported timezone '{zone}'";

    public static string EveryMinute(string spec, string suggestion) =>
        $"Do you really mean \"every minute\" when you say \"{spec}\"? Perhaps you meant \"{suggestion}\" to poll once per hour";

    public static string ShortDayOfMonthCycles => "Short cycles in the day-of-month field will behave oddly near the end of a month";

    public static string SpreadLoad(string hashed, string spec) => $"Spread load evenly by using ‘{hashed}’ rather than ‘{spec}’";

    public static string RareOrImpossible =>
        "This schedule will match dates only rarely (e.g. February 29) or never (e.g. June 31), so this job may be triggered very rarely, if at all.";

    internal static string StartEndReversed(int end, int start) => $"You mean {Number(end)}-{Number(start)}?";

    internal static string MustBePositive(int step) => $"step must be positive, but found {Number(step)}";

    internal static string OutOfRange(int value, int lower, int upper) =>
        $"{Number(value)} is an invalid value. Must be within {Number(lower)} and {Number(upper)}";

    private static string Number(int value) => value.ToString("#,0", CultureInfo.InvariantCulture);
}
