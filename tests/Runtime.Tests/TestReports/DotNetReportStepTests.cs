using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Tests.Engine;

namespace ContainerCd.Runtime.Tests.TestReports;

/// <summary>The xunit, nunit and mstest steps on the .NET report formats: what they record and what they make of the build.</summary>
public class DotNetReportStepTests
{
    [Fact]
    public async Task Xunit_ToolsWithoutThresholds_RecordEveryFormatAndLeaveTheResult()
    {
        using var runner = Runner(out var workspace);

        var (result, log, observer) = await runner.RunAsync(Pipeline("""
            script {
                def s = xunit(tools: [NUnit3(pattern: 'r/nunit3.xml'), MSTest(pattern: 'r/*.trx'), xUnitDotNet(pattern: 'r/xunit-v2.xml')])
                echo "total=${s.totalCount} failed=${s.failCount} skipped=${s.skipCount}"
            }
            """));

        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("total=11 failed=3 skipped=4", log, StringComparison.Ordinal);
        Assert.Contains("INFO: [MSTest] - 1 test report file(s) were found with the pattern 'r/*.trx' relative to '" + workspace + "' for the testing framework 'MSTest'.", log, StringComparison.Ordinal);
        Assert.Equal(11, observer.Events.OfType<TestReport>().Sum(r => r.Total));
    }

    [Fact]
    public async Task Xunit_FailedThresholds_MakeTheBuildUnstableOrFailure()
    {
        using var runner = Runner(out _);

        var (unstable, log, _) = await runner.RunAsync(Pipeline("""
            xunit tools: [JUnit(pattern: 'r/surefire.xml')], thresholds: [failed(unstableThreshold: '0', failureThreshold: '5')]
            """));
        var (failure, failureLog, _) = await runner.RunAsync(Pipeline("""
            xunit tools: [JUnit(pattern: 'r/surefire.xml')], thresholds: [failed(unstableThreshold: '0', failureThreshold: '1')]
            """));

        Assert.True(unstable == BuildResult.Unstable, log);
        Assert.Contains("INFO: Setting the build status to UNSTABLE", log, StringComparison.Ordinal);
        Assert.True(failure == BuildResult.Failure, failureLog);
    }

    [Fact]
    public async Task Xunit_UnsupportedToolOrThreshold_FailsNamingIt()
    {
        using var runner = Runner(out _);

        var (tool, toolLog, _) = await runner.RunAsync(Pipeline("xunit tools: [GoogleTest(pattern: 'r/*.xml')]"));
        var (threshold, thresholdLog, _) = await runner.RunAsync(Pipeline("xunit tools: [JUnit(pattern: 'r/surefire.xml')], thresholds: [failed(failureNewThreshold: '1')]"));

        Assert.True(tool == BuildResult.Failure, toolLog);
        Assert.Contains("GoogleTest", toolLog, StringComparison.Ordinal);
        Assert.True(threshold == BuildResult.Failure, thresholdLog);
        Assert.Contains("xunit: failed(failureNewThreshold:) is not supported by ContainerCd", thresholdLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NunitAndMstest_Failures_MakeTheBuildUnstable_OrFailureWhenAsked()
    {
        using var runner = Runner(out _);

        var (mstest, mstestLog, _) = await runner.RunAsync(Pipeline("mstest testResultsFile: 'r/*.trx'"));
        var (nunit, nunitLog, _) = await runner.RunAsync(Pipeline("nunit testResultsPattern: 'r/nunit3.xml', failedTestsFailBuild: true"));
        var (missing, missingLog, _) = await runner.RunAsync(Pipeline("nunit testResultsPattern: 'none/*.xml'"));

        Assert.True(mstest == BuildResult.Unstable, mstestLog);
        Assert.True(nunit == BuildResult.Failure, nunitLog);
        Assert.True(missing == BuildResult.Failure, missingLog);
        Assert.Contains("No NUnit test report files were found with the pattern 'none/*.xml'", missingLog, StringComparison.Ordinal);
    }

    /// <summary>A runner whose workspace (job test0) holds the sample reports under r/.</summary>
    private static PipelineRunner Runner(out string workspace)
    {
        var runner = new PipelineRunner();
        workspace = Path.Combine(runner.Home, "workspace", "test0");
        Directory.CreateDirectory(Path.Combine(workspace, "r"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "TestReports", "Reports")))
        {
            File.Copy(file, Path.Combine(workspace, "r", Path.GetFileName(file)));
        }

        return runner;
    }

    private static string Pipeline(string steps) => $$"""
        pipeline {
            agent any
            stages {
                stage('s') {
                    steps {
                        {{steps}}
                    }
                }
            }
        }
        """;
}
