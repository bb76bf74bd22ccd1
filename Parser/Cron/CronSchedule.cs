using System.Collections.Immutable;

namespace ContainerCd.Parser.Cron;

/// <summary>
/// A trigger's schedule in Jenkins' cron syntax (hudson.scheduler.CronTabList): one crontab per line, OR-ed;
/// blank lines and <c>#</c> comments ignored; a first line <c>TZ=Zone</c> sets the time zone (else the
/// server's). Jenkins fires a schedule in every minute whose local time it matches (<see cref="Matches"/>):
/// so a time the clocks skip in spring never fires, and one they repeat in autumn fires twice.
/// </summary>
public sealed class CronSchedule
{
    /// <summary>How far ahead <see cref="Next"/> looks, as Jenkins' ceil: beyond, a schedule is "rare or impossible".</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(2 * 366);

    private CronSchedule(string spec, ImmutableArray<CronTab> tabs, TimeZoneInfo? timeZone)
    {
        Spec = spec;
        Tabs = tabs;
        TimeZone = timeZone;
    }

    public string Spec { get; }

    public ImmutableArray<CronTab> Tabs { get; }

    /// <summary>The zone of a <c>TZ=</c> line; null to use the server's.</summary>
    public TimeZoneInfo? TimeZone { get; }

    /// <summary>
    /// Parses a spec as Jenkins does, drawing H's values from <paramref name="hash"/> (Jenkins': the job's full
    /// name, <see cref="CronHash.From"/>; null: H is the first value of its range). Never throws for a bad spec.
    /// </summary>
    public static CronParseResult Parse(string spec, CronHash? hash = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        hash ??= CronHash.Zero;
        var tabs = ImmutableArray.CreateBuilder<CronTab>();
        TimeZoneInfo? zone = null;
        var lineNumber = 0;
        foreach (var (raw, start) in Lines(spec))
        {
            lineNumber++;
            var line = raw.Trim();
            var offset = start + raw.IndexOf(line, StringComparison.Ordinal);
            if (lineNumber == 1 && line.StartsWith("TZ=", StringComparison.Ordinal))
            {
                var name = line.Replace("TZ=", string.Empty, StringComparison.Ordinal);
                if (!TimeZoneInfo.TryFindSystemTimeZoneById(name, out zone) || name.Length == 0)
                {
                    return new CronParseResult(null, new CronError(CronMessages.InvalidTimeZone(name), offset + 3));
                }

                continue;
            }

            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            try
            {
                tabs.Add(CronLineParser.Parse(line, lineNumber, hash));
            }
            catch (CronSyntaxException e)
            {
                return new CronParseResult(null, new CronError(CronMessages.InvalidInput(line, e.Message), offset + e.Column));
            }
        }

        return new CronParseResult(new CronSchedule(spec, tabs.ToImmutable(), zone), null);
    }

    /// <summary>Whether the schedule fires in the minute holding <paramref name="instant"/> (its local time in the schedule's zone, else <paramref name="defaultZone"/>).</summary>
    public bool Matches(DateTimeOffset instant, TimeZoneInfo defaultZone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZone ?? defaultZone).DateTime;
        return Tabs.Any(tab => tab.Matches(local));
    }

    /// <summary>
    /// The first minute after <paramref name="after"/> in which the schedule fires; null when there is none in
    /// the next two years (a schedule such as <c>0 0 31 2 *</c>: <see cref="CronMessages.RareOrImpossible"/>).
    /// </summary>
    public DateTimeOffset? Next(DateTimeOffset after, TimeZoneInfo defaultZone)
    {
        ArgumentNullException.ThrowIfNull(defaultZone);
        var zone = TimeZone ?? defaultZone;
        var day = TimeZoneInfo.ConvertTime(after, zone).Date.AddDays(-1);
        var last = after + Horizon;
        while (true)
        {
            DateTimeOffset? best = null;
            foreach (var instant in FiringsOn(day, zone))
            {
                if (instant > after && (best is null || instant < best))
                {
                    best = instant;
                }
            }

            if (best is not null)
            {
                return best;
            }

            day = day.AddDays(1);
            if (new DateTimeOffset(day, TimeSpan.Zero) - TimeSpan.FromDays(1) > last)
            {
                return null;
            }
        }
    }

    /// <summary>Jenkins' warning for the first line that is legal but probably not meant; null when none.</summary>
    public string? CheckSanity() => Tabs.Select(t => t.CheckSanity()).FirstOrDefault(w => w is not null);

    /// <summary>The instants of one local day at which some line fires: none for a skipped local time, two for a repeated one.</summary>
    private IEnumerable<DateTimeOffset> FiringsOn(DateTime day, TimeZoneInfo zone)
    {
        var tabs = Tabs.Where(t => t.Has(CronField.Month, day.Month) && t.Has(CronField.DayOfMonth, day.Day) && t.Has(CronField.DayOfWeek, (int)day.DayOfWeek)).ToList();
        if (tabs.Count == 0)
        {
            yield break;
        }

        for (var hour = 0; hour < 24; hour++)
        {
            for (var minute = 0; minute < 60; minute++)
            {
                if (!tabs.Any(t => t.Has(CronField.Hour, hour) && t.Has(CronField.Minute, minute)))
                {
                    continue;
                }

                var local = DateTime.SpecifyKind(day.AddHours(hour).AddMinutes(minute), DateTimeKind.Unspecified);
                if (zone.IsInvalidTime(local))
                {
                    continue;
                }

                var offsets = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local) : [zone.GetUtcOffset(local)];
                foreach (var offset in offsets)
                {
                    yield return new DateTimeOffset(local, offset);
                }
            }
        }
    }

    /// <summary>Java's <c>split("\\r?\\n")</c> (trailing empty lines dropped), with where each line starts.</summary>
    private static List<(string Text, int Start)> Lines(string spec)
    {
        var lines = new List<(string Text, int Start)>();
        var start = 0;
        while (true)
        {
            var end = spec.IndexOf('\n', start);
            var text = end < 0 ? spec[start..] : spec[start..end];
            lines.Add((text.EndsWith('\r') ? text[..^1] : text, start));
            if (end < 0)
            {
                break;
            }

            start = end + 1;
        }

        while (lines.Count > 0 && lines[^1].Text.Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return lines;
    }
}

/// <summary>A parsed schedule, or Jenkins' reason it is not one.</summary>
public sealed record CronParseResult(CronSchedule? Schedule, CronError? Error);

/// <summary>Why a spec is not accepted, in Jenkins' words, and where in the spec (0-based character offset).</summary>
public sealed record CronError(string Message, int Offset);
