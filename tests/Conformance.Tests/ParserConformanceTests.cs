using System.Globalization;
using System.Text;

namespace ContainerCd.Conformance.Tests;

/// <summary>
/// The parser against Jenkins' own test suite: every compile-phase error case must be rejected with
/// each expected string (in the Jenkins-format report) and lint exit code 1; every pipeline of a run
/// case must lint without error. Skips are listed in <see cref="ParserSkips"/> with their reasons.
/// </summary>
public class ParserConformanceTests
{
    /// <summary>The bars on main: ≥ 90% of compile-error cases and ≥ 98% of run pipelines.</summary>
    private const double CompileErrorBar = 0.90;
    private const double RunPipelineBar = 0.98;

    public static TheoryData<string> CompileErrorIds => Ids(ParserConformance.CompileErrorCases);

    public static TheoryData<string> RunPipelineIds => Ids(ParserConformance.RunPipelineCases);

    [Theory]
    [MemberData(nameof(CompileErrorIds))]
    public void CompileErrorCase_IsRejectedWithEveryExpectedString(string id)
    {
        var testCase = Find(id);
        Assert.SkipWhen(ParserSkips.Reasons.TryGetValue(id, out var reason), reason ?? string.Empty);

        var problem = ParserConformance.CheckCompileError(testCase);

        Assert.True(problem is null, problem);
    }

    [Theory]
    [MemberData(nameof(RunPipelineIds))]
    public void RunCasePipeline_LintsWithoutError(string id)
    {
        var testCase = Find(id);
        Assert.SkipWhen(ParserSkips.Reasons.TryGetValue(id, out var reason), reason ?? string.Empty);

        var problem = ParserConformance.CheckRunPipeline(testCase);

        Assert.True(problem is null, problem);
    }

    /// <summary>Counts both rates, writes them to artifacts/test-summaries for CI, and holds the bars.</summary>
    [Fact]
    public void PassRates_MeetTheBars()
    {
        Assert.SkipUnless(Corpus.IsPresent, Corpus.AbsentMessage);

        // Given
        var errorCases = ParserConformance.CompileErrorCases.ToList();
        var runCases = ParserConformance.RunPipelineCases.ToList();

        // When
        var errorsPassed = errorCases.Count(c => ParserConformance.CheckCompileError(c) is null);
        var runsPassed = runCases.Count(c => ParserConformance.CheckRunPipeline(c) is null);
        var summary = Summary(errorsPassed, errorCases, runsPassed, runCases);
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        WriteSummary(summary);

        // Then
        Assert.True(errorsPassed >= CompileErrorBar * errorCases.Count, summary);
        Assert.True(runsPassed >= RunPipelineBar * runCases.Count, summary);
    }

    private static string Summary(int errorsPassed, List<ConformanceCase> errorCases, int runsPassed, List<ConformanceCase> runCases)
    {
        var builder = new StringBuilder();
        builder.AppendLine("## Parser conformance (Jenkins' pipeline-model-definition test suite)");
        builder.AppendLine(CultureInfo.InvariantCulture,
            $"- compile-error cases rejected with every expected string: {errorsPassed}/{errorCases.Count} ({Percent(errorsPassed, errorCases.Count)}; bar {CompileErrorBar:P0})");
        builder.AppendLine(CultureInfo.InvariantCulture,
            $"- run-case pipelines linting without error: {runsPassed}/{runCases.Count} ({Percent(runsPassed, runCases.Count)}; bar {RunPipelineBar:P0})");
        var skipped = errorCases.Concat(runCases).Where(c => ParserSkips.Reasons.ContainsKey(c.Id)).ToList();
        builder.AppendLine(CultureInfo.InvariantCulture, $"- skipped with a reason: {skipped.Count}");
        foreach (var c in skipped)
        {
            builder.AppendLine(CultureInfo.InvariantCulture, $"  - {c.Id}: {ParserSkips.Reasons[c.Id]}");
        }

        return builder.ToString();
    }

    private static string Percent(int passed, int total) =>
        total == 0 ? "n/a" : ((double)passed / total).ToString("P1", CultureInfo.InvariantCulture);

    private static void WriteSummary(string summary)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContainerCd.sln")))
            {
                var folder = Path.Combine(dir.FullName, "artifacts", "test-summaries");
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, "parser-conformance.md"), summary);
                return;
            }
        }
    }

    private static ConformanceCase Find(string id)
    {
        Assert.SkipUnless(Corpus.IsPresent, Corpus.AbsentMessage);
        return Corpus.Cases.Single(c => c.Id == id);
    }

    private static TheoryData<string> Ids(IEnumerable<ConformanceCase> cases)
    {
        var data = new TheoryData<string>();
        foreach (var c in cases)
        {
            data.Add(c.Id);
        }

        if (data.Count == 0)
        {
            data.Add("(corpus absent)");
        }

        return data;
    }
}
