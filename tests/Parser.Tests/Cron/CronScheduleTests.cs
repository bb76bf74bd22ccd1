using ContainerCd.Parser.Cron;

namespace ContainerCd.Parser.Tests.Cron;

/// <summary>
/// Jenkins' cron syntax, checked against the values Jenkins' own CronTabTest asserts (the same hash seeds give
/// the same minutes), its messages, and the minute-by-minute firing rule across time zones and DST.
/// </summary>
public class CronScheduleTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    private static CronSchedule Parse(string spec, string? seed = null)
    {
        var result = CronSchedule.Parse(spec, seed is null ? null : CronHash.From(seed));
        Assert.Null(result.Error);
        return result.Schedule!;
    }

    private static DateTimeOffset At(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    public static TheoryData<string, string, string> HashedSchedules() => new()
    {
        // spec, seed, first firing after 2013-03-21 16:21 (Jenkins' CronTabTest.hashedMinute and hashSkips)
        { "H 17 * * *", "stuff", "2013-03-21 17:56" },
        { "H * * * *", "stuff", "2013-03-21 16:56" },
        { "@hourly", "stuff", "2013-03-21 16:56" },
        { "@hourly", "junk", "2013-03-21 17:20" },
        { "H H(12-13) * * *", "stuff", "2013-03-22 13:56" },
        { "H/15 * * * *", "stuff", "2013-03-21 16:26" },
    };

    [Theory]
    [MemberData(nameof(HashedSchedules))]
    public void Next_HashedSpec_FiresAtTheMinuteJenkinsPicksForTheSameName(string spec, string seed, string expected)
    {
        // Given
        var schedule = Parse(spec, seed);

        // When
        var next = schedule.Next(At(2013, 3, 21, 16, 21), Utc);

        // Then
        Assert.Equal(expected, next?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("H(0-15)/3 * * * *", "junk", 0, 0, "00:02")]
    [InlineData("H(0-3)/4 * * * *", "junk", 0, 0, "00:02")]
    [InlineData("H(0-3)/4 * * * *", "junk", 0, 5, "01:02")]
    public void Next_HashedRangeWithStep_StartsAtTheHashedOffset(string spec, string seed, int hour, int minute, string expected)
    {
        var next = Parse(spec, seed).Next(At(2013, 3, 21, hour, minute), Utc);

        Assert.Equal(expected, next?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Matches_TwoHashedLines_EachLineDrawsTheNextValueOfOneHash()
    {
        // Given: Jenkins' CronTabTest.repeatedHash, and the same with a TZ line (testTimezone)
        var plain = Parse("H * * * *\nH * * * *", "seed");
        var zoned = Parse("TZ=Australia/Sydney\nH * * * *\nH * * * *", "seed");

        // When
        var minutes = Enumerable.Range(0, 60).Where(m => plain.Matches(At(2013, 4, 3, 11, m), Utc)).ToList();
        var zonedMinutes = Enumerable.Range(0, 60).Where(m => zoned.Matches(At(2013, 4, 3, 11, m), Utc)).ToList();

        // Then
        Assert.Equal([35, 56], minutes);
        Assert.Equal([35, 56], zonedMinutes);
    }

    [Fact]
    public void Parse_HashGivingTheLastValue_SetsTheBitsJenkinsSets()
    {
        // Given: Jenkins' CronTabTest.testHash1, a hash answering n - 1
        var result = CronSchedule.Parse("H H(5-8) H/3 H(1-10)/4 *", new CronHash(n => n - 1));

        // Then
        var tab = Assert.Single(result.Schedule!.Tabs);
        Assert.Equal([59], Bits(tab, 0, 59));
        Assert.Equal([8], Bits(tab, 1, 23));
        Assert.Equal([3, 6, 9, 12, 15, 18, 21, 24, 27], Bits(tab, 2, 31));
        Assert.Equal([4, 8], Bits(tab, 3, 12));
    }

    private static List<int> Bits(CronTab tab, int field, int upper) => [.. Enumerable.Range(0, upper + 1).Where(v => tab.Has(field, v))];

    [Theory]
    [InlineData("H(0-3)/15 * * * *", "Invalid input: \"H(0-3)/15 * * * *\": line 1:9: 15 is an invalid value. Must be within 1 and 4", 9)]
    [InlineData("H H(12-24) * * *", "Invalid input: \"H H(12-24) * * *\": line 1:10: 24 is an invalid value. Must be within 0 and 23", 10)]
    [InlineData("H(33-66) * * * *", "Invalid input: \"H(33-66) * * * *\": line 1:8: 66 is an invalid value. Must be within 0 and 59", 8)]
    [InlineData("61 * * * *", "Invalid input: \"61 * * * *\": line 1:2: 61 is an invalid value. Must be within 0 and 59", 2)]
    [InlineData("1000 * * * *", "Invalid input: \"1000 * * * *\": line 1:4: 1,000 is an invalid value. Must be within 0 and 59", 4)]
    [InlineData("*/0 * * * *", "Invalid input: \"*/0 * * * *\": line 1:3: step must be positive, but found 0", 3)]
    [InlineData("5-2 * * * *", "Invalid input: \"5-2 * * * *\": line 1:3: You mean 2-5?", 3)]
    [InlineData("H * * *", "Invalid input: \"H * * *\": line 1:7: mismatched input '<EOF>' expecting {WS, '/', ','}", 7)]
    [InlineData("H * * * * *", "Invalid input: \"H * * * * *\": line 1:9: mismatched input ' ' expecting {<EOF>, '/', ','}", 9)]
    [InlineData("bad", "Invalid input: \"bad\": line 1:0: token recognition error at: 'b'", 0)]
    [InlineData("@dayly", "Invalid input: \"@dayly\": line 1:1: token recognition error at: 'day'", 1)]
    [InlineData("@often", "Invalid input: \"@often\": line 1:1: token recognition error at: 'o'", 1)]
    [InlineData("# nightly\nH 2 * * x", "Invalid input: \"H 2 * * x\": line 2:8: token recognition error at: 'x'", 18)]
    [InlineData("  H(0-5 * * * *", "Invalid input: \"H(0-5 * * * *\": line 1:5: mismatched input ' ' expecting ')'", 7)]
    [InlineData("99999999999 * * * *", "Invalid input: \"99999999999 * * * *\": For input string: \"99999999999\"", 0)]
    [InlineData("TZ=Mars/Olympus\nH * * * *", "Invalid or unsupported timezone 'Mars/Olympus'", 3)]
    public void Parse_InvalidSpec_GivesJenkinsMessageAndOffset(string spec, string message, int offset)
    {
        // When
        var result = CronSchedule.Parse(spec, CronHash.From("junk"));

        // Then
        Assert.Null(result.Schedule);
        Assert.Equal(message, result.Error?.Message);
        Assert.Equal(offset, result.Error?.Offset);
    }

    [Theory]
    [InlineData("@hourly", null)]
    [InlineData("H H(0-2) * * *", null)]
    [InlineData("* * * * *", "Do you really mean \"every minute\" when you say \"* * * * *\"? Perhaps you meant \"H * * * *\" to poll once per hour")]
    [InlineData("*/1 * * * *", "Do you really mean \"every minute\" when you say \"*/1 * * * *\"? Perhaps you meant \"H * * * *\" to poll once per hour")]
    [InlineData("* 0 * * *", "Do you really mean \"every minute\" when you say \"* 0 * * *\"? Perhaps you meant \"H 0 * * *\" to poll once per hour")]
    [InlineData("*/5 * * * *", "Spread load evenly by using ‘H/5 * * * *’ rather than ‘*/5 * * * *’")]
    [InlineData("0,15,30,45 * * * *", "Spread load evenly by using ‘H/15 * * * *’ rather than ‘0,15,30,45 * * * *’")]
    [InlineData("0 3 * * *", "Spread load evenly by using ‘H 3 * * *’ rather than ‘0 3 * * *’")]
    [InlineData("00 22 * * 6", "Spread load evenly by using ‘H 22 * * 6’ rather than ‘00 22 * * 6’")]
    [InlineData("H/15 * 1 1 *", null)]
    [InlineData("0 3 H/3 * *", "Short cycles in the day-of-month field will behave oddly near the end of a month")]
    [InlineData("0 3 */5 * *", "Short cycles in the day-of-month field will behave oddly near the end of a month")]
    public void CheckSanity_LegalSpec_WarnsAsJenkins(string spec, string? warning)
    {
        Assert.Equal(warning, Parse(spec).CheckSanity());
    }

    [Theory]
    [InlineData("0 0 1 * 0", "2010-08-01 00:00")]
    [InlineData("0 0 1 * 7", "2010-08-01 00:00")]
    [InlineData("0,30 * * * *", "2010-01-01 16:00")]
    [InlineData("15,45 3 * * *", "2010-01-02 03:15")]
    public void Next_DayOfMonthAndDayOfWeek_BothMustMatch(string spec, string expected)
    {
        // Jenkins' testCeil3: the first 1st of a month that is a Sunday, from 2010-01-01 15:55
        var next = Parse(spec).Next(At(2010, 1, 1, 15, 55), Utc);

        Assert.Equal(expected, next?.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("0 0 31 2 *")]
    [InlineData("0 0 31 6 *")]
    [InlineData("0 0 29 2 *")]
    public void Next_ImpossibleOrRareDate_IsNoneWithinTwoYears(string spec)
    {
        // As Jenkins' ceil: nothing in the next two years is "rare or impossible" (the next February 29 is in 2028)
        Assert.Null(Parse(spec).Next(At(2024, 3, 1, 0, 0), Utc));
    }

    [Fact]
    public void Matches_LocalTimeSkippedBySpringForward_NeverFires()
    {
        // Given: 02:30 in Berlin does not exist on 2024-03-31 (02:00 CET becomes 03:00 CEST)
        var schedule = Parse("TZ=Europe/Berlin\n30 2 * * *");

        // When: every minute of that UTC day
        var firings = Enumerable.Range(0, 24 * 60).Select(m => At(2024, 3, 31, 0, 0).AddMinutes(m)).Where(t => schedule.Matches(t, Utc)).ToList();

        // Then
        Assert.Empty(firings);
        Assert.Equal(new DateTimeOffset(2024, 4, 1, 2, 30, 0, TimeSpan.FromHours(2)), schedule.Next(At(2024, 3, 30, 12, 0), Utc));
    }

    [Fact]
    public void Matches_LocalTimeRepeatedByFallBack_FiresTwice()
    {
        // Given: 02:30 in Berlin happens twice on 2024-10-27 (CEST, then CET)
        var schedule = Parse("TZ=Europe/Berlin\n30 2 * * *");

        // When
        var firings = Enumerable.Range(0, 24 * 60).Select(m => At(2024, 10, 27, 0, 0).AddMinutes(m)).Where(t => schedule.Matches(t, Utc)).ToList();

        // Then
        Assert.Equal([At(2024, 10, 27, 0, 30), At(2024, 10, 27, 1, 30)], firings);
        Assert.Equal(At(2024, 10, 27, 1, 30), schedule.Next(At(2024, 10, 27, 0, 30), Utc));
    }

    [Fact]
    public void Matches_NoTimeZoneLine_UsesTheDefaultZone()
    {
        // Given
        var schedule = Parse("0 9 * * 1-5");
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        // Then: 09:00 in New York on a Monday of January is 14:00 UTC
        Assert.True(schedule.Matches(At(2024, 1, 8, 14, 0), newYork));
        Assert.False(schedule.Matches(At(2024, 1, 8, 9, 0), newYork));
        Assert.False(schedule.Matches(At(2024, 1, 6, 14, 0), newYork));
    }

    [Theory]
    [InlineData("@yearly", 1, 1)]
    [InlineData("@daily", 365, 365)]
    [InlineData("@weekly", 52, 53)]
    [InlineData("@midnight", 365, 365)]
    [InlineData("@monthly", 12, 12)]
    public void Matches_Aliases_FireAsOftenAsTheyName(string spec, int atLeast, int atMost)
    {
        // Given
        var schedule = Parse(spec, "my-job");

        // When: every minute of 2023
        var count = 0;
        for (var t = At(2023, 1, 1, 0, 0); t.Year == 2023; t = t.AddMinutes(1))
        {
            count += schedule.Matches(t, Utc) ? 1 : 0;
        }

        // Then
        Assert.InRange(count, atLeast, atMost);
    }

    [Fact]
    public void Parse_MidnightAlias_FiresBetweenMidnightAndThree()
    {
        var next = Parse("@midnight", "nightly").Next(At(2024, 5, 1, 12, 0), Utc);

        Assert.InRange(next!.Value.Hour, 0, 2);
    }

    [Fact]
    public void Parse_CommentsBlankLinesAndCrLf_AreIgnored()
    {
        var schedule = Parse("# every night\r\n\r\n0 2 * * *\r\n  # and at noon\r\n0 12 * * *\r\n");

        Assert.Equal(2, schedule.Tabs.Length);
        Assert.True(schedule.Matches(At(2024, 5, 1, 12, 0), Utc));
    }
}
