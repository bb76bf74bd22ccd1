using System.Text;

namespace ContainerCd.Runtime.Publishing;

/// <summary>
/// The name of a publishHTML report in its URL and folder, as htmlpublisher's <c>sanitizeReportName</c>: every
/// character but ASCII letters, digits and '-' (and '_' unless <c>escapeUnderscores: false</c>) becomes '_' and the
/// hex of its UTF-8 bytes ("HTML Report" is <c>HTML_20Report</c>), so the name never leaves its folder.
/// </summary>
public static class HtmlReportName
{
    /// <summary>Pages of a build or job a report cannot shadow (the viewer's pages and Jenkins' endpoints beside it).</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "api", "artifact", "build", "buildWithParameters", "changes", "console", "consoleFull", "consoleText", "coverage",
        "execution", "fingerprints", "input", "lastBuild", "lastCompletedBuild", "lastFailedBuild", "lastSuccessfulBuild",
        "lastUnsuccessfulBuild", "logText", "parameters", "replay", "restart", "stage", "stop", "testReport", "wfapi", "ws",
    };

    public static string Sanitize(string reportName, bool escapeUnderscores)
    {
        var name = new StringBuilder(reportName.Length);
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in reportName.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value == '-' || (rune.Value == '_' && !escapeUnderscores)))
            {
                name.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(bytes);
            name.Append('_').Append(Convert.ToHexStringLower(bytes[..length]));
        }

        return name.ToString();
    }

    /// <summary>Whether a URL name can be a report's: not empty, not all digits (a build number), not a reserved page.</summary>
    public static bool IsServable(string urlName) =>
        urlName.Length > 0 && !urlName.All(char.IsAsciiDigit) && !Reserved.Contains(urlName);
}
