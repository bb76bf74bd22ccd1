using System.Globalization;
using System.Text.Json;

namespace ContainerCd.Server.Storage;

/// <summary>An HTML report a build published, as the step described it beside its folder (URLNAME.report.json).</summary>
internal sealed record PublishedReportView(string Name, string UrlName, IReadOnlyList<string> IndexFiles, bool KeepAll, bool AlwaysLinkToLastBuild);

/// <summary>The HTML reports publishHTML left under HOME/reports/JOB/N: which a build has, and the newest build that has one.</summary>
internal static class PublishedReports
{
    private const string DescriptionSuffix = ".report.json";

    /// <summary>The reports of a build, in name order (none when it published none, or a description cannot be read).</summary>
    public static IReadOnlyList<PublishedReportView> Of(BuildPaths paths, string job, int number)
    {
        var folder = Path.Combine(paths.ReportsFolder(job), number.ToString(CultureInfo.InvariantCulture));
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(folder, "*" + DescriptionSuffix)
            .Select(Read)
            .OfType<PublishedReportView>()
            .Where(report => Directory.Exists(Path.Combine(folder, report.UrlName)))
            .OrderBy(report => report.Name, StringComparer.Ordinal)];
    }

    public static PublishedReportView? Find(BuildPaths paths, string job, int number, string urlName) =>
        Of(paths, job, number).FirstOrDefault(report => report.UrlName == urlName);

    /// <summary>The newest build of the job that has the report (what /job/JOB/URLNAME/ shows), or null.</summary>
    public static int? Newest(BuildPaths paths, string job, string urlName)
    {
        var folder = paths.ReportsFolder(job);
        if (!Directory.Exists(folder))
        {
            return null;
        }

        return Directory.EnumerateDirectories(folder)
            .Select(build => int.TryParse(Path.GetFileName(build), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : (int?)null)
            .OfType<int>()
            .Where(number => Directory.Exists(Path.Combine(folder, number.ToString(CultureInfo.InvariantCulture), urlName)))
            .Select(number => (int?)number)
            .Max();
    }

    private static PublishedReportView? Read(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            return new PublishedReportView(
                root.GetProperty("name").GetString()!,
                root.GetProperty("urlName").GetString()!,
                [.. root.GetProperty("indexFiles").EnumerateArray().Select(e => e.GetString()!)],
                root.GetProperty("keepAll").GetBoolean(),
                root.GetProperty("alwaysLinkToLastBuild").GetBoolean());
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
