using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Tests.Engine;

namespace ContainerCd.Runtime.Tests.TestReports;

/// <summary>The junit step as Jenkins' (junit plugin): console lines, results of the build and the stage, the summary, the events.</summary>
public class JunitStepTests
{
    private const string Failing = """<testsuite name="s"><testcase classname="c" name="ok" time="0.5"/><testcase classname="c" name="bad"><failure message="boom">trace</failure></testcase><testcase classname="c" name="later"><skipped/></testcase></testsuite>""";

    [Fact]
    public async Task Junit_FailuresInTwoStages_BuildAndThoseStagesUnstableEachCaseWithItsStage()
    {
        // Given the example: reports with 2 failures in stage Unit and 1 in stage Integration
        using var runner = new PipelineRunner();
        var example = Path.Combine(RepositoryRoot(), "examples", "tests");

        // When it runs from its folder, as containercd run does
        var (result, log, observer) = await runner.RunAsync(
            File.ReadAllText(Path.Combine(example, "Jenkinsfile")), adjust: r => r with { SourceDirectory = example });

        // Then
        Assert.True(result == BuildResult.Unstable, log);
        Assert.EndsWith("Finished: UNSTABLE\n", log, StringComparison.Ordinal);
        Assert.Contains("Recording test results\n[Checks API] No suitable checks publisher found.\n", log, StringComparison.Ordinal);
        Assert.Contains("Unit: 5 tests, 2 failed, 0 skipped", log, StringComparison.Ordinal);
        var stages = observer.Events.OfType<StageFinished>().ToDictionary(s => s.Name);
        Assert.Equal(BuildResult.Unstable, stages["Unit"].Result);
        Assert.Equal(BuildResult.Unstable, stages["Integration"].Result);
        var reports = observer.Events.OfType<TestReport>().ToList();
        var failures = reports.SelectMany(r => r.Cases.Where(c => c.Status == "FAILED").Select(c => (Stage: stages.Values.Single(s => s.StageId == r.StageId).Name, c.Name))).ToList();
        Assert.Equal([("Unit", "divides"), ("Unit", "dividesByZero"), ("Integration", "test_orders")], failures);
        Assert.Equal((9, 3, 1), (reports.Sum(r => r.Total), reports.Sum(r => r.Failed), reports.Sum(r => r.Skipped)));
    }

    [Fact]
    public async Task Junit_SkipMarkingBuildUnstable_LeavesTheBuildSuccessAndReturnsTheSummary()
    {
        using var runner = new PipelineRunner();

        var (result, log, _) = await runner.RunAsync(Pipeline($$"""
            writeFile file: 'r/a.xml', text: '{{Failing}}'
            script {
                def s = junit testResults: 'r/*.xml', skipMarkingBuildUnstable: true, skipPublishingChecks: true
                echo "total=${s.totalCount} failed=${s.failCount} skipped=${s.skipCount} passed=${s.passCount}"
            }
            """));

        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("total=3 failed=1 skipped=1 passed=1", log, StringComparison.Ordinal);
        Assert.DoesNotContain("[Checks API]", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Junit_MalformedReport_FailsTheStepNamingFileLineAndColumnAndRecordsNothing()
    {
        using var runner = new PipelineRunner();

        var (result, log, observer) = await runner.RunAsync(Pipeline($$"""
            writeFile file: 'r/a.xml', text: '{{Failing}}'
            writeFile file: 'r/b.xml', text: '<testsuite name="s">\n<testcase name="x">\n</testsuite>'
            junit 'r/*.xml'
            """));

        Assert.True(result == BuildResult.Failure, log);
        Assert.Contains("ERROR: Failed to read test report file r/b.xml(3,3): The 'testcase' start tag on line 2 position 2 does not match the end tag of 'testsuite'.", log, StringComparison.Ordinal);
        Assert.Empty(observer.Events.OfType<TestReport>());
    }

    [Fact]
    public async Task Junit_FilesWithoutCases_FailUnlessEmptyResultsAreAllowed()
    {
        using var runner = new PipelineRunner();

        var (result, log, _) = await runner.RunAsync(Pipeline("""
            writeFile file: 'r/a.xml', text: '<testsuites/>'
            junit testResults: 'r/*.xml', allowEmptyResults: true
            echo 'allowed'
            junit 'r/*.xml'
            """));

        Assert.True(result == BuildResult.Failure, log);
        Assert.Contains("allowed\n", log, StringComparison.Ordinal);
        Assert.Contains("ERROR: None of the test reports contained any result", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Junit_ReportWrittenByPytest_IsRecordedWithItsFailureAndSkip()
    {
        // Given tests run by Debian's pytest (python3-pytest, installed by .ci/setup.sh), writing JUnit XML
        Assert.True(File.Exists("/usr/bin/pytest-3"), "pytest-3 is missing: run .ci/setup.sh (python3-pytest)");
        using var runner = new PipelineRunner();

        // When
        var (result, log, observer) = await runner.RunAsync(Pipeline("""
            writeFile file: 'test_app.py', text: 'import pytest\n\ndef test_ok():\n    assert 1 + 1 == 2\n\ndef test_bad():\n    assert 1 + 1 == 3, "arithmetic"\n\n@pytest.mark.skip(reason="not today")\ndef test_later():\n    pass\n'
            sh 'pytest-3 -p no:cacheprovider --junitxml=reports/pytest.xml test_app.py || true'
            junit 'reports/*.xml'
            """));

        // Then
        Assert.True(result == BuildResult.Unstable, log);
        var cases = observer.Events.OfType<TestReport>().SelectMany(r => r.Cases).ToDictionary(c => c.Name);
        Assert.Equal(["test_bad", "test_later", "test_ok"], cases.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(("FAILED", "test_app"), (cases["test_bad"].Status, cases["test_bad"].ClassName));
        Assert.Contains("arithmetic", cases["test_bad"].Message, StringComparison.Ordinal);
        Assert.Contains("test_app.py:7", cases["test_bad"].StackTrace, StringComparison.Ordinal);
        Assert.Equal(("SKIPPED", "not today"), (cases["test_later"].Status, cases["test_later"].Message));
        Assert.Equal("PASSED", cases["test_ok"].Status);
    }

    [Fact]
    public async Task Junit_ReportOf100000Cases_IsPublishedInBoundedBatches()
    {
        // Given a generated report of 100,000 cases, 1 in 100 failing
        using var runner = new PipelineRunner();
        var workspace = Path.Combine(runner.Home, "workspace", "test0");
        Directory.CreateDirectory(workspace);
        GeneratedReport.Write(Path.Combine(workspace, "big.xml"), 100_000, failEvery: 100);

        // When
        var (result, log, observer) = await runner.RunAsync(Pipeline("""
            script {
                def s = junit 'big.xml'
                echo "total=${s.totalCount} failed=${s.failCount}"
            }
            """));

        // Then every case arrives, in events of at most 1000 cases
        Assert.True(result == BuildResult.Unstable, log);
        Assert.Contains("total=100000 failed=1000", log, StringComparison.Ordinal);
        var reports = observer.Events.OfType<TestReport>().ToList();
        Assert.Equal(100, reports.Count);
        Assert.All(reports, r => Assert.Equal(1000, r.Cases.Length));
        Assert.Equal(100_000, reports.Sum(r => r.Total));
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

    private static string RepositoryRoot()
    {
        var directory = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(directory, "ContainerCd.sln")))
        {
            directory = Path.GetDirectoryName(directory)!;
        }

        return directory;
    }
}
