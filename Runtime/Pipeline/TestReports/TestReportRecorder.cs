using System.Collections.Immutable;
using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Files;
using ContainerCd.Runtime.Pipeline.Steps;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.TestReports;

/// <summary>What report steps recorded; as the step's answer, Jenkins' TestResultSummary.</summary>
internal sealed record TestTotals(int Total, int Failed, int Skipped)
{
    public TestTotals Add(TestTotals other) => new(Total + other.Total, Failed + other.Failed, Skipped + other.Skipped);

    public GroovyMap ToSummary() => new()
    {
        ["totalCount"] = Total,
        ["failCount"] = Failed,
        ["skipCount"] = Skipped,
        ["passCount"] = Total - Failed - Skipped,
    };
}

/// <summary>What a report step was asked to do with the files it matched.</summary>
internal sealed record TestReportOptions(bool AllowEmptyResults, bool KeepLongStdio, bool SkipMarkingBuildUnstable, bool SkipPublishingChecks)
{
    public TestReportFormat Format { get; init; } = TestReportFormat.JUnit;

    /// <summary>What failures make of the build and the stage (the nunit step's failedTestsFailBuild: FAILURE).</summary>
    public BuildResult FailureResult { get; init; } = BuildResult.Unstable;
}

/// <summary>
/// Records report files as Jenkins' junit step does: every file is read once to check it and count its cases
/// (a malformed file fails the step before anything is recorded), then again to publish the cases in batches of
/// <see cref="BatchSize"/> as <see cref="TestReport"/> events of the current stage. Failures make the build and the
/// stage UNSTABLE unless told not to; the answer is Jenkins' TestResultSummary.
/// </summary>
internal static class TestReportRecorder
{
    public const int BatchSize = 1000;

    public static TestTotals Record(StepContext context, IReadOnlyList<MatchedFile> files, TestReportOptions options)
    {
        var (total, failed, skipped) = (0, 0, 0);
        foreach (var file in files)
        {
            foreach (var testCase in Cases(context, file, options))
            {
                total++;
                failed += testCase.Status == "FAILED" ? 1 : 0;
                skipped += testCase.Status == "SKIPPED" ? 1 : 0;
            }
        }

        if (total == 0 && !options.AllowEmptyResults)
        {
            throw context.Abort("None of the test reports contained any result");
        }

        var stageId = context.Flow.Stage?.Id;
        var batch = ImmutableArray.CreateBuilder<TestCaseResult>(BatchSize);
        foreach (var file in files)
        {
            foreach (var testCase in Cases(context, file, options))
            {
                batch.Add(testCase);
                if (batch.Count == BatchSize)
                {
                    Publish(context, stageId, batch);
                }
            }
        }

        Publish(context, stageId, batch);
        if (failed > 0 && !options.SkipMarkingBuildUnstable)
        {
            context.Build.SetResult(options.FailureResult);
            context.Flow.Stage?.Worsen(options.FailureResult);
        }

        if (!options.SkipPublishingChecks)
        {
            context.Log("[Checks API] No suitable checks publisher found.");
        }

        return new TestTotals(total, failed, skipped);
    }

    private static void Publish(StepContext context, string? stageId, ImmutableArray<TestCaseResult>.Builder batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var cases = batch.DrainToImmutable();
        context.Build.Sink.TestReport(stageId, cases.Length, cases.Count(c => c.Status == "FAILED"), cases.Count(c => c.Status == "SKIPPED"), cases);
    }

    /// <summary>The file's cases; a file that cannot be read fails the step naming it, with the line and column when known.</summary>
    private static IEnumerable<TestCaseResult> Cases(StepContext context, MatchedFile file, TestReportOptions options)
    {
        using var cases = TestReportFile.Read(file.FullPath, options.KeepLongStdio, options.Format).GetEnumerator();
        while (Next(context, file, cases))
        {
            yield return cases.Current;
        }
    }

    private static bool Next(StepContext context, MatchedFile file, IEnumerator<TestCaseResult> cases)
    {
        try
        {
            return cases.MoveNext();
        }
        catch (TestReportFormatException e)
        {
            throw context.Abort($"Failed to read test report file {file.Path}({e.Line},{e.Column}): {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw context.Abort($"Failed to read test report file {file.Path}: {e.Message}");
        }
    }
}
