using System.Text.Json;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Publishing;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>Reports a build publishes beside its artifacts: publishHTML (the htmlpublisher plugin's step).</summary>
internal static class ReportSteps
{
    /// <summary>The file beside a report's folder that says what the report is (its name and index pages).</summary>
    public const string DescriptionSuffix = ".report.json";

    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("publishHTML", PublishHtmlAsync);
    }

    /// <summary>
    /// publishHTML(target: [reportDir:, reportFiles:, reportName:, keepAll:, alwaysLinkToLastBuild:, allowMissing:,
    /// includes:, escapeUnderscores:]) (also publishHTML([...])): copies the files of reportDir the includes select to
    /// HOME/reports/JOB/N/URLNAME, which the server serves at /job/JOB/N/URLNAME/ (and /job/JOB/URLNAME/, the last
    /// build's), sandboxed. Without keepAll, the job keeps only the newest copy, as htmlpublisher's project-level report.
    /// </summary>
    private static ValueTask<object?> PublishHtmlAsync(StepContext context)
    {
        var target = Target(context);
        string? Text(string name) => target.TryGetValue(name, out var value) && value is not null ? GroovyFormatText(value) : null;
        bool Flag(string name, bool fallback) => target.TryGetValue(name, out var value) && value is not null
            ? value is bool b ? b : bool.TryParse(GroovyFormatText(value), out var parsed) && parsed
            : fallback;

        var reportName = Text("reportName") is { Length: > 0 } named ? named.Trim() : "HTML Report";
        var reportDir = Text("reportDir") is { Length: > 0 } dir ? dir : ".";
        var indexFiles = (Text("reportFiles") ?? "index.html").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var keepAll = Flag("keepAll", false);
        var urlName = HtmlReportName.Sanitize(reportName, Flag("escapeUnderscores", true));
        if (!HtmlReportName.IsServable(urlName))
        {
            throw context.Abort($"publishHTML: the report name '{reportName}' would be served as /job/JOB/N/{urlName}/, a page Jenkins has there: choose another reportName");
        }

        context.Log("[htmlpublisher] Archiving HTML reports...");
        var source = context.Files.Resolve(context.WorkingDirectory, reportDir);
        if (!source.IsInside)
        {
            throw context.Abort(context.Files.Refusal(reportDir, source));
        }

        if (!Directory.Exists(source.FullPath))
        {
            var missing = $"Specified HTML directory '{source.FullPath}' does not exist.";
            if (Flag("allowMissing", false))
            {
                context.Log("[htmlpublisher] " + missing);
                return ValueTask.FromResult<object?>(null);
            }

            throw context.Abort(missing);
        }

        var files = context.ScanIn(reportDir, Text("includes") is { Length: > 0 } includes ? includes : "**/*", null);
        var destination = Path.Combine(context.Build.ReportRoot, urlName);
        context.Log($"[htmlpublisher] Archiving at {(keepAll ? "BUILD" : "PROJECT")} level {source.FullPath} to {destination}");
        if (Directory.Exists(destination))
        {
            Directory.Delete(destination, recursive: true);
        }

        foreach (var file in files)
        {
            var copy = Path.Combine(destination, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file.FullPath, copy, overwrite: true);
        }

        Directory.CreateDirectory(destination);
        Describe(destination + DescriptionSuffix, new PublishedReport(reportName, urlName, [.. indexFiles], keepAll, Flag("alwaysLinkToLastBuild", false)));
        if (!keepAll)
        {
            ForgetEarlierCopies(context.Build, urlName);
        }

        return ValueTask.FromResult<object?>(null);
    }

    private static GroovyMap Target(StepContext context) =>
        context.Argument("target") as GroovyMap
        ?? (context.Values is [GroovyMap map] ? map : null)
        ?? context.Arguments.Named
        ?? throw context.Abort("publishHTML expects its report, as publishHTML(target: [reportDir: 'dir', reportFiles: 'index.html', reportName: 'Report'])");

    private static string GroovyFormatText(object value) => FileSteps.Text(value);

    private static void Describe(string path, PublishedReport report)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("name", report.Name);
        json.WriteString("urlName", report.UrlName);
        json.WriteStartArray("indexFiles");
        foreach (var index in report.IndexFiles)
        {
            json.WriteStringValue(index);
        }

        json.WriteEndArray();
        json.WriteBoolean("keepAll", report.KeepAll);
        json.WriteBoolean("alwaysLinkToLastBuild", report.AlwaysLinkToLastBuild);
        json.WriteEndObject();
    }

    /// <summary>A report without keepAll is the job's, not each build's: the copies earlier builds made go.</summary>
    private static void ForgetEarlierCopies(BuildContext build, string urlName)
    {
        var jobReports = Path.GetDirectoryName(build.ReportRoot)!;
        foreach (var folder in Directory.EnumerateDirectories(jobReports))
        {
            if (int.TryParse(Path.GetFileName(folder), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number < build.Number)
            {
                var copy = Path.Combine(folder, urlName);
                if (Directory.Exists(copy))
                {
                    Directory.Delete(copy, recursive: true);
                }

                File.Delete(copy + DescriptionSuffix);
            }
        }
    }
}
