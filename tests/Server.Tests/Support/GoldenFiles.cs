using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace ContainerCd.Server.Tests.Support;

/// <summary>
/// Golden files under <c>tests/Server.Tests/Golden</c> (in the source tree): a test compares its output with them byte
/// for byte, and writes them instead when <c>CONTAINERCD_UPDATE_GOLDEN=1</c> (then review the diff before committing).
/// </summary>
internal static partial class GoldenFiles
{
    public static bool Updating => Environment.GetEnvironmentVariable("CONTAINERCD_UPDATE_GOLDEN") == "1";

    public static string Folder(string area) => Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(ThisFile()))!, "Golden", area);

    /// <summary>
    /// What varies from run to run made fixed: ISO times, epoch times and durations in milliseconds, and the server's
    /// home folder. Everything else (names, order, nulls, escapes) stays byte for byte.
    /// </summary>
    public static string Normalize(string text, string home) =>
        EpochsAndDurations().Replace(
            IsoTimes().Replace(text.Replace(home, "<home>", StringComparison.Ordinal), "\"<time>\""),
            m => $"\"{m.Groups[1].Value}\":0");

    /// <summary>A queue item's <c>id</c> as 0: queue items are numbered per process, over every test's triggers.</summary>
    public static string WithoutQueueItemId(string text) => QueueItemId().Replace(text, "${1}0");

    private static string ThisFile([CallerFilePath] string path = "") => path;

    [GeneratedRegex("^(\\{\"_class\":\"[^\"]+\",\"id\":)\\d+", RegexOptions.Multiline)]
    private static partial Regex QueueItemId();

    [GeneratedRegex("\"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})\"")]
    private static partial Regex IsoTimes();

    [GeneratedRegex("\"(timestamp|duration|estimatedDuration|durationMillis|startTimeMillis|endTimeMillis|queueDurationMillis)\":\\d+")]
    private static partial Regex EpochsAndDurations();
}
