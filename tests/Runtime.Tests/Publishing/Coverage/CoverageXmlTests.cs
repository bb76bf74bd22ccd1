using ContainerCd.Runtime.Publishing.Coverage;

namespace ContainerCd.Runtime.Tests.Publishing.Coverage;

/// <summary>The streaming readers of JaCoCo's and Cobertura's XML, over real files.</summary>
public sealed class CoverageXmlTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("coverage-xml-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Jacoco_WithItsDoctype_CountsOnlyTheReportsOwnLineAndBranchCounters()
    {
        var summary = CoverageXml.Read(Write("jacoco.xml", CoverageSamples.Jacoco), "jacoco.xml", CoverageTool.Jacoco);

        Assert.Equal(("JaCoCo", 8L, 10L, 3L, 4L), (summary.Tool, summary.LinesCovered, summary.LinesTotal, summary.BranchesCovered, summary.BranchesTotal));
        Assert.Equal((80.0, 75.0), (summary.LinePercent, summary.BranchPercent));
    }

    [Fact]
    public void Cobertura_WithTotals_TakesTheRootsCounts()
    {
        var summary = CoverageXml.Read(Write("coverage.xml", CoverageSamples.CoberturaWithTotals), "coverage.xml", CoverageTool.Cobertura);

        Assert.Equal((7L, 10L, 3L, 4L), (summary.LinesCovered, summary.LinesTotal, summary.BranchesCovered, summary.BranchesTotal));
    }

    [Fact]
    public void Cobertura_WithoutTotals_CountsEachClassesOwnLinesAndConditions()
    {
        var summary = CoverageXml.Read(Write("coverage.xml", CoverageSamples.CoberturaWithoutTotals), "coverage.xml", CoverageTool.Cobertura);

        Assert.Equal((3L, 4L, 3L, 4L), (summary.LinesCovered, summary.LinesTotal, summary.BranchesCovered, summary.BranchesTotal));
    }

    [Fact]
    public void MalformedReport_FailsNamingTheFileLineAndColumn()
    {
        var path = Write("bad.xml", "<coverage lines-valid=\"2\" lines-covered=\"1\">\n  <packages>\n</coverage>");

        var error = Assert.Throws<CoverageReportException>(() => CoverageXml.Read(path, "out/bad.xml", CoverageTool.Cobertura));

        Assert.StartsWith("out/bad.xml(3,3): not well-formed XML: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportOfTheOtherTool_FailsNamingItsRootElement()
    {
        var path = Write("jacoco.xml", CoverageSamples.Jacoco);

        var error = Assert.Throws<CoverageReportException>(() => CoverageXml.Read(path, "jacoco.xml", CoverageTool.Cobertura));

        Assert.Equal("jacoco.xml(1,126): not a Cobertura XML report (its root element is <report>)", error.Message);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }
}
