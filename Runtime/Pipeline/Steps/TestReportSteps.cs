using ContainerCd.Runtime.Pipeline.TestReports;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>The steps that record test reports: junit, and nunit, mstest and xunit for the .NET formats they convert.</summary>
internal static class TestReportSteps
{
    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("junit", JunitAsync);
        yield return new DelegateStep("nunit", NunitAsync);
        yield return new DelegateStep("mstest", MstestAsync);
        yield return new DelegateStep("xunit", XunitStep.RunAsync);
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

        return ValueTask.FromResult<object?>(TestReportRecorder.Record(context, files, options).ToSummary());
    }

    /// <summary>
    /// <c>nunit testResultsPattern: '**/TestResult.xml'</c>: NUnit 3 XML recorded as junit records its conversion; no file
    /// fails the step unless <c>failIfNoResults: false</c>; failures make the build FAILURE with <c>failedTestsFailBuild</c>.
    /// </summary>
    private static ValueTask<object?> NunitAsync(StepContext context)
    {
        var pattern = context.RequiredString("testResultsPattern");
        var failIfNoResults = context.Boolean("failIfNoResults", true);
        var files = context.Scan(pattern, null);
        if (files.Count == 0 && failIfNoResults)
        {
            throw context.Abort($"No NUnit test report files were found with the pattern '{pattern}'. Configuration error?");
        }

        context.Log("Recording NUnit tests results");
        var options = new TestReportOptions(!failIfNoResults, false, false, false)
        {
            Format = TestReportFormat.NUnit3,
            FailureResult = context.Boolean("failedTestsFailBuild", false) ? BuildResult.Failure : BuildResult.Unstable,
        };
        return ValueTask.FromResult<object?>(TestReportRecorder.Record(context, files, options).ToSummary());
    }

    /// <summary><c>mstest testResultsFile: '**/*.trx'</c> (the default): TRX recorded as junit records its conversion.</summary>
    private static ValueTask<object?> MstestAsync(StepContext context)
    {
        var pattern = context.Text("testResultsFile") ?? "**/*.trx";
        var failOnError = context.Boolean("failOnError", true);
        context.Log($"MSTest: Processing tests results in file(s) {pattern}");
        var files = context.Scan(pattern, null);
        if (files.Count == 0 && failOnError)
        {
            throw context.Abort($"MSTest: no TRX file was found with the pattern '{pattern}'");
        }

        var options = new TestReportOptions(!failOnError, context.Boolean("keepLongStdio", false), false, false) { Format = TestReportFormat.Trx };
        return ValueTask.FromResult<object?>(TestReportRecorder.Record(context, files, options).ToSummary());
    }
}
