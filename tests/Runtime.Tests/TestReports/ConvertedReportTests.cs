using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Pipeline.TestReports;

namespace ContainerCd.Runtime.Tests.TestReports;

/// <summary>The .NET report formats the xunit, nunit and mstest steps read (samples written from each format's documentation).</summary>
public class ConvertedReportTests
{
    [Fact]
    public void Read_XUnitV2_GivesClassMethodStatusAndFailure()
    {
        var cases = Read("xunit-v2.xml", TestReportFormat.XUnitDotNet).ToDictionary(c => c.Name);

        Assert.Equal(["Adds", "Divides", "Later", "Squares(value: 3)"], cases.Keys.Order(StringComparer.Ordinal));
        Assert.All(cases.Values, c => Assert.Equal(("Calc.Tests.MathTests", "Calc.Tests.MathTests"), (c.Suite, c.ClassName)));
        var divides = cases["Divides"];
        Assert.Equal(("FAILED", "System.DivideByZeroException : Attempted to divide by zero."), (divides.Status, divides.Message));
        Assert.Equal("   at Calc.Tests.MathTests.Divides() in /src/Calc.Tests/MathTests.cs:line 21", divides.StackTrace);
        Assert.Equal("dividing 1 by 0\n", divides.Stdout);
        Assert.Equal(TimeSpan.FromSeconds(0.0081), divides.Duration);
        Assert.Equal(("SKIPPED", "not implemented yet"), (cases["Later"].Status, cases["Later"].Message));
    }

    [Fact]
    public void Read_NUnit3_GivesTheFixtureAsSuiteAndInconclusiveAsSkipped()
    {
        var cases = Read("nunit3.xml", TestReportFormat.NUnit3).ToDictionary(c => c.Name);

        Assert.Equal(
            [("AddsItem", "PASSED"), ("Discounts", "SKIPPED"), ("Ships", "SKIPPED"), ("Totals", "FAILED")],
            cases.Values.Select(c => (c.Name, c.Status)).OrderBy(c => c.Name, StringComparer.Ordinal));
        var totals = cases["Totals"];
        Assert.Equal(("Shop.Tests.CartTests", "Shop.Tests.CartTests"), (totals.Suite, totals.ClassName));
        Assert.Equal("  Expected: 30\n  But was:  20\n", totals.Message);
        Assert.Contains("CartTests.cs:line 30", totals.StackTrace, StringComparison.Ordinal);
        Assert.Equal("cart has 2 items\n", totals.Stdout);
        Assert.Equal("pricing rules pending", cases["Discounts"].Message);
    }

    [Fact]
    public void Read_Trx_TakesClassesFromTheDefinitionsAfterTheResults()
    {
        var cases = Read("mstest.trx", TestReportFormat.Trx).ToDictionary(c => c.Name);

        Assert.Equal(
            [("Later", "SKIPPED"), ("Parses", "PASSED"), ("Rejects", "FAILED")],
            cases.Values.Select(c => (c.Name, c.Status)).OrderBy(c => c.Name, StringComparer.Ordinal));
        Assert.All(cases.Values, c => Assert.Equal("Config.Tests.ParserTests", c.ClassName));
        var rejects = cases["Rejects"];
        Assert.Equal(("Assert.AreEqual failed. Expected:<1>. Actual:<2>.", TimeSpan.FromSeconds(1.5)), (rejects.Message, rejects.Duration));
        Assert.Contains("ParserTests.cs:line 18", rejects.StackTrace, StringComparison.Ordinal);
        Assert.Equal("parsed 3 lines", cases["Parses"].Stdout);
    }

    private static List<TestCaseResult> Read(string file, TestReportFormat format) =>
        [.. TestReportFile.Read(Path.Combine(AppContext.BaseDirectory, "TestReports", "Reports", file), false, format)];
}
