using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Pipeline.TestReports;

namespace ContainerCd.Runtime.Tests.TestReports;

/// <summary>The JUnit XML that real tools write (samples under Reports/, written from each tool's output format) read as Jenkins reads it.</summary>
public class JUnitReaderTests
{
    [Theory]
    [InlineData("surefire.xml", 6, 2, 1)]
    [InlineData("gradle.xml", 3, 1, 1)]
    [InlineData("pytest.xml", 3, 1, 1)]
    [InlineData("jest.xml", 3, 1, 1)]
    [InlineData("go-junit-report.xml", 3, 1, 0)]
    [InlineData("phpunit.xml", 4, 2, 1)]
    public void Read_ToolReport_CountsCasesAsJenkins(string file, int total, int failed, int skipped)
    {
        var cases = Read(file);

        Assert.Equal((total, failed, skipped), (cases.Count, cases.Count(c => c.Status == "FAILED"), cases.Count(c => c.Status == "SKIPPED")));
    }

    [Fact]
    public void Read_Surefire_KeepsMessagesStackTracesOutputAndFlakyReruns()
    {
        var cases = Read("surefire.xml").ToDictionary(c => c.Name);

        var divides = cases["divides"];
        Assert.Equal(("com.example.CalculatorTest", "com.example.CalculatorTest", "FAILED"), (divides.Suite, divides.ClassName, divides.Status));
        Assert.Equal("expected: <2> but was: <3>", divides.Message);
        Assert.StartsWith("org.opentest4j.AssertionFailedError: expected: <2> but was: <3>\n\tat com.example.CalculatorTest.divides", divides.StackTrace, StringComparison.Ordinal);
        Assert.Equal("dividing 6 by 3\n", divides.Stdout);
        Assert.Equal(TimeSpan.FromMilliseconds(12), divides.Duration);
        Assert.Equal(("FAILED", "/ by zero"), (cases["multiplies"].Status, cases["multiplies"].Message));
        Assert.Equal(("SKIPPED", "not ready"), (cases["rounds"].Status, cases["rounds"].Message));
        Assert.Equal(("PASSED", 1, (string?)null), (cases["retries"].Status, cases["retries"].FlakyFailures, cases["retries"].Stdout));
        Assert.Equal("computing 3 - 1\n", cases["subtracts"].Stdout);
    }

    [Fact]
    public void Read_NestedPhpUnitSuites_GivesTheInnermostSuite()
    {
        var cases = Read("phpunit.xml");

        Assert.All(cases, c => Assert.Equal(("App\\Tests\\EmailTest", "App.Tests.EmailTest"), (c.Suite, c.ClassName)));
        Assert.Contains("Call to undefined method", cases.Single(c => c.Name == "testDomain").StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_JestFailureWithoutMessage_HasNoErrorDetailsButTheStackTrace()
    {
        var failure = Read("jest.xml").Single(c => c.Status == "FAILED");

        Assert.Null(failure.Message);
        Assert.Contains("Expected: -3", failure.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DurationWithThousandsSeparator_IsRead()
    {
        var lower = Read("go-junit-report.xml").Single(c => c.Name == "TestLower/empty");

        Assert.Equal(TimeSpan.FromSeconds(1234.5), lower.Duration);
    }

    [Fact]
    public void Read_MalformedFile_FailsWithLineAndColumn()
    {
        var error = Assert.Throws<TestReportFormatException>(() => Read("malformed.xml"));

        Assert.Equal((5, 5), (error.Line, error.Column));
        Assert.Contains("'failure'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DoctypeWithExternalEntity_DoesNotReadTheEntity()
    {
        var file = Path.Combine(Path.GetTempPath(), "ccd-xxe-" + Guid.NewGuid().ToString("N") + ".xml");
        File.WriteAllText(file, """<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/hostname">]><testsuite name="s"><testcase classname="c" name="n"><failure message="m">&x;</failure></testcase></testsuite>""");
        try
        {
            var error = Record.Exception(() => TestReportFile.Read(file, false).ToList());

            Assert.True(error is TestReportFormatException, $"an undeclared entity is an error, not read: {error}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData(true, false, 1000 + 30)]
    [InlineData(true, true, 5000)]
    [InlineData(false, false, 5000)]
    public void Trim_LongOutput_KeepsHeadAndTailOfPassingCasesOnly(bool passed, bool keepLongStdio, int length)
    {
        var output = new string('a', 2500) + new string('b', 2500);

        var trimmed = StdioTrimming.Trim(output, passed, keepLongStdio)!;

        Assert.Equal(length, trimmed.Length);
        Assert.StartsWith(new string('a', 500), trimmed, StringComparison.Ordinal);
        Assert.EndsWith(new string('b', 500), trimmed, StringComparison.Ordinal);
        Assert.Equal(length != 5000, trimmed.Contains("\n...[truncated 4000 chars]...\n", StringComparison.Ordinal));
    }

    private static List<TestCaseResult> Read(string file) =>
        [.. TestReportFile.Read(Path.Combine(AppContext.BaseDirectory, "TestReports", "Reports", file), false)];
}
