using System.Text.Json.Serialization;

namespace ContainerCd.Server.Api;

/// <summary><c>GET /job/J/N/testReport/api/json</c>, as the junit plugin's TestResult exports it (durations in seconds).</summary>
internal sealed record JenkinsTestResult(
    IReadOnlyList<object> TestActions, double Duration, bool Empty, int FailCount, int PassCount, int SkipCount, IReadOnlyList<JenkinsTestSuite> Suites)
{
    [JsonPropertyName("_class")]
    [JsonPropertyOrder(-1)]
    public string Class { get; } = "hudson.tasks.junit.TestResult";
}

/// <summary>
/// A suite of <see cref="JenkinsTestResult"/>: consecutive cases of one suite recorded in one stage (<c>nodeId</c>), with
/// the stages around it, innermost first; <c>id</c>, <c>stderr</c>, <c>stdout</c> and <c>timestamp</c> are not kept (null).
/// </summary>
internal sealed record JenkinsTestSuite(
    IReadOnlyList<JenkinsTestCase> Cases,
    double Duration,
    IReadOnlyList<string> EnclosingBlockNames,
    IReadOnlyList<string> EnclosingBlocks,
    string? Id,
    string Name,
    string? NodeId,
    string? Stderr,
    string? Stdout,
    string? Timestamp);

/// <summary>A case of a <see cref="JenkinsTestSuite"/>, as the junit plugin's CaseResult exports it.</summary>
internal sealed record JenkinsTestCase(
    IReadOnlyList<object> TestActions,
    int Age,
    string ClassName,
    double Duration,
    string? ErrorDetails,
    string? ErrorStackTrace,
    int FailedSince,
    string Name,
    bool Skipped,
    string? SkippedMessage,
    string Status,
    string? Stderr,
    string? Stdout);

/// <summary>The build's <c>actions[]</c> entry of its test results (hudson.tasks.junit.TestResultAction).</summary>
internal sealed record JenkinsTestResultAction(int FailCount, int SkipCount, int TotalCount, string UrlName)
{
    [JsonPropertyName("_class")]
    [JsonPropertyOrder(-1)]
    public string Class { get; } = "hudson.tasks.junit.TestResultAction";
}
