using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Tests.Engine;

namespace ContainerCd.Runtime.Tests.TestReports;

/// <summary>
/// JUnit XML written by a real <c>dotnet test --logger junit</c> (the JunitXml.TestLogger package, an xUnit project built
/// in the workspace) read by the junit step.
/// </summary>
public class DotNetTestJunitLoggerTests
{
    [Fact]
    public async Task Junit_ReportWrittenByDotnetTestJunitLogger_IsRecordedWithExactCounts()
    {
        // Given an xUnit test project with 3 passing, 2 failing and 1 skipped test, using JunitXml.TestLogger (versions from this repository, restored with it)
        using var runner = new PipelineRunner();
        var workspace = Path.Combine(runner.Home, "workspace", "test0");
        // (dotnet test's VSTest loggers: JunitXml.TestLogger's Testing Platform extension needs a newer platform than xunit.v3 brings)
        await DotNetTestProject.WriteAsync(workspace, """
            namespace Calc;
            public class MathTests
            {
                [Xunit.Fact] public void Adds() => Xunit.Assert.Equal(2, 1 + 1);
                [Xunit.Fact] public void Subtracts() => Xunit.Assert.Equal(0, 1 - 1);
                [Xunit.Fact] public void Divides() => Xunit.Assert.Equal(4, 7 / 2);
                [Xunit.Fact(Skip = "later")] public void Later() { }
            }
            public class TextTests
            {
                [Xunit.Fact] public void Joins() => Xunit.Assert.Equal("ab", "a" + "b");
                [Xunit.Fact] public void Throws() => throw new System.InvalidOperationException("boom");
            }
            """, "<IsTestingPlatformApplication>false</IsTestingPlatformApplication>", "JunitXml.TestLogger");

        // When dotnet test writes JUnit XML with the junit logger and junit records it
        var (result, log, observer) = await runner.RunAsync("""
            pipeline {
                agent any
                stages {
                    stage('Test') {
                        steps {
                            sh 'dotnet test --nologo --logger "junit;LogFilePath=results/calc.xml" || true'
                            script {
                                def summary = junit 'results/calc.xml'
                                echo "junit: ${summary.totalCount} total, ${summary.failCount} failed, ${summary.skipCount} skipped, ${summary.passCount} passed"
                            }
                        }
                    }
                }
            }
            """);

        // Then exactly the 6 cases are recorded with their statuses, and the build is UNSTABLE
        Assert.True(result == BuildResult.Unstable, log);
        Assert.Contains("junit: 6 total, 2 failed, 1 skipped, 3 passed", log, StringComparison.Ordinal);
        var cases = observer.Events.OfType<TestReport>().SelectMany(r => r.Cases).ToList();
        Assert.Equal(
            [("Calc.MathTests", "Adds", "PASSED"), ("Calc.MathTests", "Divides", "FAILED"), ("Calc.MathTests", "Later", "SKIPPED"),
             ("Calc.MathTests", "Subtracts", "PASSED"), ("Calc.TextTests", "Joins", "PASSED"), ("Calc.TextTests", "Throws", "FAILED")],
            cases.Select(c => (c.ClassName, c.Name, c.Status)).Order());
        var throws = cases.Single(c => c.Name == "Throws");
        Assert.Contains("boom", throws.Message, StringComparison.Ordinal);
        Assert.Contains("TextTests", throws.StackTrace, StringComparison.Ordinal);
    }
}
