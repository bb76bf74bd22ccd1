using System.Globalization;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Time;

/// <summary>
/// java.util.TimeZone: <c>TimeZone.getTimeZone('UTC')</c>, <c>'Europe/Paris'</c>, <c>'GMT+2'</c>; an ID
/// Java does not know gives GMT, as Java does. <c>getDefault()</c> is this host's zone.
/// </summary>
public sealed class TimeZoneValue : IGroovyObject
{
    private TimeZoneValue(string id, TimeZoneInfo zone)
    {
        Id = id;
        Zone = zone;
    }

    public static TimeZoneValue Gmt { get; } = new("GMT", TimeZoneInfo.Utc);

    public string Id { get; }

    public TimeZoneInfo Zone { get; }

    public string GroovyClassName => "sun.util.calendar.ZoneInfo";

    public static TimeZoneValue Default() => TimeZoneInfo.Local.Id is "UTC" or "Etc/UTC" or "Universal" or "Zulu"
        ? new TimeZoneValue("UTC", TimeZoneInfo.Utc)
        : new TimeZoneValue(TimeZoneInfo.Local.Id, TimeZoneInfo.Local);

    /// <summary>TimeZone.getTimeZone(id): UTC, GMT, GMT+h, GMT+hh:mm, or a tz database name; anything else is GMT.</summary>
    public static TimeZoneValue Get(string id)
    {
        if (id is "UTC" or "GMT")
        {
            return new TimeZoneValue(id, TimeZoneInfo.Utc);
        }

        if (CustomOffset(id) is { } offset)
        {
            var name = "GMT" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);
            return new TimeZoneValue(name, TimeZoneInfo.CreateCustomTimeZone(name, offset, name, name));
        }

        return id.Contains('/', StringComparison.Ordinal) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone)
            ? new TimeZoneValue(id, zone)
            : Gmt;
    }

    /// <summary>The offset of <paramref name="instant"/> in this zone.</summary>
    public TimeSpan OffsetAt(DateTimeOffset instant) => Zone.GetUtcOffset(instant);

    /// <summary>The zone's short name as SimpleDateFormat's <c>z</c> prints it: UTC, GMT, or GMT+hh:mm where no abbreviation is known.</summary>
    public string ShortName(DateTimeOffset instant)
    {
        if (Id is "UTC" or "GMT")
        {
            return Id;
        }

        var offset = OffsetAt(instant);
        return "GMT" + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hh\\:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>The long name (<c>zzzz</c>).</summary>
    public string LongName(DateTimeOffset instant) => Id switch
    {
        "UTC" => "Coordinated Universal Time",
        "GMT" => "Greenwich Mean Time",
        _ => Zone.IsDaylightSavingTime(instant) ? Zone.DaylightName : Zone.StandardName,
    };

    public object? GetProperty(string name) => name switch
    {
        "ID" or "id" => Id,
        "rawOffset" => (int)Zone.BaseUtcOffset.TotalMilliseconds,
        _ => Undefined.Value,
    };

    public bool SetProperty(string name, object? value) => false;

    public ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span) =>
        ValueTask.FromResult<object?>(name switch
        {
            "getID" => Id,
            "getRawOffset" => (int)Zone.BaseUtcOffset.TotalMilliseconds,
            "toString" => ToString(),
            _ => Undefined.Value,
        });

    public override string ToString() => Id;

    private static TimeSpan? CustomOffset(string id)
    {
        if (!id.StartsWith("GMT", StringComparison.Ordinal) || id.Length < 5 || id[3] is not ('+' or '-'))
        {
            return null;
        }

        var sign = id[3] == '-' ? -1 : 1;
        var digits = id[4..].Split(':');
        if (digits.Length > 2 || !int.TryParse(digits[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hours))
        {
            return null;
        }

        var minutes = 0;
        if (digits.Length == 2 && !int.TryParse(digits[1], NumberStyles.None, CultureInfo.InvariantCulture, out minutes))
        {
            return null;
        }

        if (digits.Length == 1 && digits[0].Length > 2)
        {
            // GMT+0130
            minutes = hours % 100;
            hours /= 100;
        }

        return hours > 23 || minutes > 59 ? null : sign * new TimeSpan(hours, minutes, 0);
    }
}
