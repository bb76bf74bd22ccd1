using ContainerCd.Runtime.Pipeline.TestReports;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>The steps that record test reports: junit.</summary>
internal static class TestReportSteps
{
    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("junit", JunitAsync);
    }

    /// <summary>
    /// <c>junit testResults: 'ant/glob/**/*.xml'</c>: "Recording test results", the matched files read as JUnit XML,
    /// then Jenkins' Checks API line; no file matched fails the step unless <c>allowEmptyResults</c>.
    /// </summary>
    private static ValueTask<object?> JunitAsync(StepContext context)
    {
        var pattern = context.RequiredString("testResults");
        var options = new TestReportOptions(
            context.Boolean("allowEmptyResults", false),
            context.Boolean("keepLongStdio", false),
            context.Boolean("skipMarkingBuildUnstable", false),
            context.Boolean("skipPublishingChecks", false));
        context.Log("Recording test results");
        var files = context.Scan(pattern, null);
        if (files.Count == 0 && !options.AllowEmptyResults)
        {
            throw context.Abort("No test report files were found. Configuration error?");
        }

        return ValueTask.FromResult<object?>(TestReportRecorder.Record(context, files, options));
    }
}
