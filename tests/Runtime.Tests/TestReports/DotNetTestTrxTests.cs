using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Tests.Engine;

namespace ContainerCd.Runtime.Tests.TestReports;

/// <summary>A TRX written by a real <c>dotnet test --logger trx</c> (an xUnit project built in the workspace) read by the mstest step.</summary>
public class DotNetTestTrxTests
{
    [Fact]
    public async Task Mstest_TrxWrittenByDotnetTest_IsRecordedWithItsFailureAndSkip()
    {
        // Given an xUnit test project (the package versions this repository uses, so restore needs no new package)
        using var runner = new PipelineRunner();
        var workspace = Path.Combine(runner.Home, "workspace", "test0");
        await DotNetTestProject.WriteAsync(workspace, """
            namespace Calc;
            public class MathTests
            {
                [Xunit.Fact] public void Adds() => Xunit.Assert.Equal(2, 1 + 1);
                [Xunit.Fact] public void Divides() => Xunit.Assert.Equal(4, 7 / 2);
                [Xunit.Fact(Skip = "later")] public void Later() { }
            }
            """);

        // When dotnet test writes a TRX and mstest records it
        var (result, log, observer) = await runner.RunAsync("""
            pipeline {
                agent any
                stages {
                    stage('Test') {
                        steps {
                            sh 'dotnet test --nologo --logger "trx;LogFileName=calc.trx" --results-directory results || true'
                            mstest testResultsFile: 'results/*.trx'
                        }
                    }
                }
            }
            """);

        // Then
        Assert.True(result == BuildResult.Unstable, log);
        var cases = observer.Events.OfType<TestReport>().SelectMany(r => r.Cases).ToDictionary(c => c.Name);
        Assert.Equal(["Adds", "Divides", "Later"], cases.Keys.Order(StringComparer.Ordinal));
        Assert.All(cases.Values, c => Assert.Equal("Calc.MathTests", c.ClassName));
        Assert.Equal(("PASSED", "FAILED", "SKIPPED"), (cases["Adds"].Status, cases["Divides"].Status, cases["Later"].Status));
        Assert.Contains("Assert.Equal() Failure", cases["Divides"].Message, StringComparison.Ordinal);
        Assert.Contains("MathTests.cs", cases["Divides"].StackTrace, StringComparison.Ordinal);
    }
}
