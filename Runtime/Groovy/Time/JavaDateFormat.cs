using System.Globalization;
using System.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Values;

namespace ContainerCd.Runtime.Groovy.Time;

/// <summary>
/// java.text.SimpleDateFormat's formatting in the US locale, letter by letter: G y Y M L D d E u a H k K h m s
/// S z Z X, quoted text. Week fields (w W F) fail naming themselves rather than print something else.
/// </summary>
public static class JavaDateFormat
{
    private static readonly string[] Months = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames;
    private static readonly string[] ShortMonths = CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames;

    public static string Format(DateTimeOffset instant, string pattern, TimeZoneValue zone)
    {
        var offset = zone.OffsetAt(instant);
        var local = instant.ToOffset(offset);
        var text = new StringBuilder(pattern.Length + 8);
        for (var i = 0; i < pattern.Length;)
        {
            var c = pattern[i];
            if (c == '\'')
            {
                i = Quoted(pattern, i, text);
                continue;
            }

            if (!char.IsAsciiLetter(c))
            {
                text.Append(c);
                i++;
                continue;
            }

            var count = 1;
            while (i + count < pattern.Length && pattern[i + count] == c)
            {
                count++;
            }

            text.Append(Field(c, count, local, instant, offset, zone));
            i += count;
        }

        return text.ToString();
    }

    private static int Quoted(string pattern, int start, StringBuilder text)
    {
        if (start + 1 < pattern.Length && pattern[start + 1] == '\'')
        {
            text.Append('\'');
            return start + 2;
        }

        var i = start + 1;
        while (i < pattern.Length)
        {
            if (pattern[i] == '\'')
            {
                if (i + 1 < pattern.Length && pattern[i + 1] == '\'')
                {
                    text.Append('\'');
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            text.Append(pattern[i++]);
        }

        throw GroovyException.Create(JavaClasses.IllegalArgumentException, "Unterminated quote");
    }

    private static string Field(char letter, int count, DateTimeOffset local, DateTimeOffset instant, TimeSpan offset, TimeZoneValue zone) => letter switch
    {
        'G' => "AD",
        'y' or 'Y' => count == 2 ? Pad(local.Year % 100, 2) : Pad(local.Year, count),
        'M' or 'L' => count >= 4 ? Months[local.Month - 1] : count == 3 ? ShortMonths[local.Month - 1] : Pad(local.Month, count),
        'D' => Pad(local.DayOfYear, count),
        'd' => Pad(local.Day, count),
        'E' => count >= 4 ? local.DayOfWeek.ToString() : local.DayOfWeek.ToString()[..3],
        'u' => Pad(local.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)local.DayOfWeek, count),
        'a' => local.Hour < 12 ? "AM" : "PM",
        'H' => Pad(local.Hour, count),
        'k' => Pad(local.Hour == 0 ? 24 : local.Hour, count),
        'K' => Pad(local.Hour % 12, count),
        'h' => Pad(local.Hour % 12 == 0 ? 12 : local.Hour % 12, count),
        'm' => Pad(local.Minute, count),
        's' => Pad(local.Second, count),
        'S' => Pad(local.Millisecond, count),
        'z' => count >= 4 ? zone.LongName(instant) : zone.ShortName(instant),
        'Z' => Offset(offset, colon: false, hoursOnly: false),
        'X' => offset == TimeSpan.Zero ? "Z" : Offset(offset, colon: count >= 3, hoursOnly: count == 1),
        'w' or 'W' or 'F' => throw ScriptErrors.Unsupported($"The date format letter '{letter}' (week fields)"),
        _ => throw GroovyException.Create(JavaClasses.IllegalArgumentException, $"Illegal pattern character '{letter}'"),
    };

    private static string Pad(int value, int count) => value.ToString(CultureInfo.InvariantCulture).PadLeft(count, '0');

    private static string Offset(TimeSpan offset, bool colon, bool hoursOnly)
    {
        var sign = offset < TimeSpan.Zero ? "-" : "+";
        var hours = Pad(Math.Abs(offset.Hours), 2);
        return hoursOnly ? sign + hours : sign + hours + (colon ? ":" : string.Empty) + Pad(Math.Abs(offset.Minutes), 2);
    }
}
