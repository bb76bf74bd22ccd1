using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Time;

/// <summary>
/// java.util.Date, an instant with millisecond precision: <c>new Date()</c> (the build's clock),
/// <c>new Date(millis)</c>, Groovy's <c>format(pattern[, timeZone])</c>, <c>time</c>, <c>before/after</c>,
/// <c>plus/minus</c> days, and Java's <c>toString()</c> (<c>Thu Dec 05 09:29:38 UTC 2026</c>).
/// </summary>
public sealed class DateValue : IGroovyObject, IComparable
{
    public DateValue(long millis)
    {
        Millis = millis;
    }

    public static DateValue Now(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new DateValue(time.GetUtcNow().ToUnixTimeMilliseconds());
    }

    public long Millis { get; }

    public DateTimeOffset Instant => DateTimeOffset.FromUnixTimeMilliseconds(Millis);

    public string GroovyClassName => "java.util.Date";

    public object? GetProperty(string name) => name switch
    {
        "time" => Millis,
        _ => Undefined.Value,
    };

    public bool SetProperty(string name, object? value) => false;

    public ValueTask<object?> InvokeMethodAsync(string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        var args = arguments.Flatten();
        object? result = (name, args.Count) switch
        {
            ("format", 1) => JavaDateFormat.Format(Instant, GroovyFormat.ToDisplayString(args[0]), TimeZoneValue.Default()),
            ("format", 2) => JavaDateFormat.Format(Instant, GroovyFormat.ToDisplayString(args[0]), args[1] as TimeZoneValue ?? TimeZoneValue.Get(GroovyFormat.ToDisplayString(args[1]))),
            ("getTime", 0) => Millis,
            ("toString", 0) => ToString(),
            ("before", 1) when args[0] is DateValue other => Millis < other.Millis,
            ("after", 1) when args[0] is DateValue other => Millis > other.Millis,
            ("compareTo", 1) when args[0] is DateValue other => CompareTo(other),
            ("equals", 1) => args[0] is DateValue other && other.Millis == Millis,
            ("hashCode", 0) => (int)(Millis ^ (Millis >>> 32)),
            ("plus", 1) when NumberMath.IsNumber(args[0]) => AddDays(NumberMath.ToLong(args[0]!)),
            ("next", 0) => AddDays(1),
            ("minus", 1) when args[0] is DateValue other => DaysSince(other),
            ("minus", 1) when NumberMath.IsNumber(args[0]) => AddDays(-NumberMath.ToLong(args[0]!)),
            ("previous", 0) => AddDays(-1),
            ("toInstant", 0) => Instant.ToString("yyyy-MM-dd'T'HH:mm:ss.FFF'Z'", System.Globalization.CultureInfo.InvariantCulture),
            _ => Undefined.Value,
        };
        return ValueTask.FromResult<object?>(result);
    }

    public int CompareTo(DateValue? other) => other is null ? 1 : Millis.CompareTo(other.Millis);

    /// <summary>Groovy's <c>&lt;</c>, <c>&gt;</c> and <c>&lt;=&gt;</c> on dates.</summary>
    public int CompareTo(object? obj) => obj is DateValue other ? CompareTo(other) : throw new ArgumentException("Not a date", nameof(obj));

    public static bool operator ==(DateValue? left, DateValue? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(DateValue? left, DateValue? right) => !(left == right);

    public static bool operator <(DateValue left, DateValue right) => left is not null && left.CompareTo(right) < 0;

    public static bool operator <=(DateValue left, DateValue right) => left is null || left.CompareTo(right) <= 0;

    public static bool operator >(DateValue left, DateValue right) => left is not null && left.CompareTo(right) > 0;

    public static bool operator >=(DateValue left, DateValue right) => left is null ? right is null : left.CompareTo(right) >= 0;

    public override bool Equals(object? obj) => obj is DateValue other && other.Millis == Millis;

    public override int GetHashCode() => Millis.GetHashCode();

    /// <summary>Java's Date.toString(): <c>EEE MMM dd HH:mm:ss zzz yyyy</c> in the default zone.</summary>
    public override string ToString() => JavaDateFormat.Format(Instant, "EEE MMM dd HH:mm:ss zzz yyyy", TimeZoneValue.Default());

    /// <summary>Groovy's <c>date + days</c>.</summary>
    public DateValue AddDays(long days) => new(Millis + (days * 86_400_000L));

    /// <summary>Groovy's <c>date - other</c>: the days between their calendar dates in the default zone.</summary>
    public int DaysSince(DateValue other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var zone = TimeZoneValue.Default();
        var mine = Instant.ToOffset(zone.OffsetAt(Instant)).Date;
        var theirs = other.Instant.ToOffset(zone.OffsetAt(other.Instant)).Date;
        return (int)(mine - theirs).TotalDays;
    }
}
