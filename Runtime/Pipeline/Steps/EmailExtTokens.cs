using System.Globalization;
using System.Text.RegularExpressions;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// The email-ext tokens commonly written in emailext's subject and body: <c>$DEFAULT_SUBJECT</c>,
/// <c>$DEFAULT_CONTENT</c>, <c>$PROJECT_NAME</c>, <c>$BUILD_NUMBER</c>, <c>$BUILD_STATUS</c>, <c>$BUILD_URL</c>
/// (each also as <c>${NAME}</c>), with the plugin's default subject and content. Other <c>$</c> text is left as written.
/// </summary>
internal sealed partial class EmailExtTokens(BuildContext build)
{
    public const string DefaultSubject = "$PROJECT_NAME - Build # $BUILD_NUMBER - $BUILD_STATUS!";

    public const string DefaultContent = "$PROJECT_NAME - Build # $BUILD_NUMBER - $BUILD_STATUS:\n\nCheck console output at $BUILD_URL to view the results.";

    public string Expand(string text) =>
        Token().Replace(Token().Replace(text, m => m.Groups["name"].Value switch
        {
            "DEFAULT_SUBJECT" => DefaultSubject,
            "DEFAULT_CONTENT" => DefaultContent,
            _ => m.Value,
        }), m => Value(m.Groups["name"].Value) ?? m.Value);

    private string? Value(string name) => name switch
    {
        "PROJECT_NAME" => build.Job,
        "BUILD_NUMBER" => build.Number.ToString(CultureInfo.InvariantCulture),
        "BUILD_STATUS" => Status(),
        "BUILD_URL" => build.BaseEnvironment.GetValueOrDefault("BUILD_URL"),
        _ => null,
    };

    /// <summary>As email-ext's BuildStatusMacro: Building while no result is set, Fixed and Still Failing against the previous build.</summary>
    private string Status()
    {
        var previous = build.PreviousBuild?.Result;
        return build.Result switch
        {
            null => "Building",
            BuildResult.Success => previous is BuildResult.Failure or BuildResult.Unstable ? "Fixed" : "Successful",
            BuildResult.Failure => previous is BuildResult.Failure ? "Still Failing" : "Failure",
            BuildResult.Unstable => previous is BuildResult.Unstable ? "Still Unstable" : "Unstable",
            BuildResult.Aborted => "Aborted",
            _ => "Not Built",
        };
    }

    [GeneratedRegex(@"\$(?:\{(?<name>[A-Z_]+)\}|(?<name>[A-Z_]+)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex Token();
}
