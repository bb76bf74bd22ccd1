namespace ContainerCd.Parser.Cron;

/// <summary>The five fields of a crontab line and their bounds (inclusive), as Jenkins' BaseParser.</summary>
internal static class CronField
{
    public const int Minute = 0;
    public const int Hour = 1;
    public const int DayOfMonth = 2;
    public const int Month = 3;
    public const int DayOfWeek = 4;

    public static readonly int[] Lower = [0, 0, 1, 1, 0];
    public static readonly int[] Upper = [59, 23, 31, 12, 7];
}
