using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Tests.Engine;

namespace ContainerCd.Runtime.Tests.Publishing.Coverage;

/// <summary>recordCoverage, cobertura and jacoco in a real pipeline: console lines, results, the coverage events.</summary>
public class CoverageStepTests
{
    [Fact]
    public async Task RecordCoverage_JacocoAndCobertura_LogsEachToolsCoverageAndRecordsItsEvent()
    {
        using var runner = new PipelineRunner();

        var (result, log, observer) = await runner.RunAsync(Pipeline($$"""
            writeFile file: 'target/site/jacoco/jacoco.xml', text: '''{{CoverageSamples.Jacoco}}'''
            writeFile file: 'py/coverage.xml', text: '''{{CoverageSamples.CoberturaWithTotals}}'''
            recordCoverage(tools: [[parser: 'JACOCO'], [parser: 'COBERTURA', pattern: 'py/coverage.xml']])
            """));

        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("[Coverage] Found 1 file(s) for pattern '**/jacoco.xml'\n", log, StringComparison.Ordinal);
        Assert.Contains("[Coverage] JaCoCo: 1 report(s), Line Coverage: 80.00% (8/10), Branch Coverage: 75.00% (3/4)\n", log, StringComparison.Ordinal);
        Assert.Contains("[Coverage] Cobertura: 1 report(s), Line Coverage: 70.00% (7/10), Branch Coverage: 75.00% (3/4)\n", log, StringComparison.Ordinal);
        var stage = observer.Events.OfType<StageFinished>().Single(s => s.Name == "s").StageId;
        var reports = observer.Events.OfType<CoverageReport>().Select(r => (r.StageId, r.Tool, r.LinesCovered, r.LinesTotal, r.BranchesCovered, r.BranchesTotal)).ToList();
        Assert.Equal([(stage, "JaCoCo", 8L, 10L, 3L, 4L), (stage, "Cobertura", 7L, 10L, 3L, 4L)], reports);
    }

    [Fact]
    public async Task RecordCoverage_NoFile_LogsThePluginsErrorAndGoesOnUnlessFailOnError()
    {
        using var runner = new PipelineRunner();

        var (result, log, observer) = await runner.RunAsync(Pipeline("""
            recordCoverage(tools: [[parser: 'COBERTURA']])
            echo 'went on'
            recordCoverage(tools: [[parser: 'COBERTURA', pattern: 'none/*.xml']], failOnError: true)
            """));

        Assert.True(result == BuildResult.Failure, log);
        Assert.True(log.Contains("[Coverage] [-ERROR-] No files found for pattern '**/cobertura.xml'. Configuration error?\n[Pipeline] echo\nwent on\n", StringComparison.Ordinal), log);
        Assert.Contains("ERROR: recordCoverage: No files found for pattern 'none/*.xml'. Configuration error?", log, StringComparison.Ordinal);
        Assert.Empty(observer.Events.OfType<CoverageReport>());
    }

    [Fact]
    public async Task RecordCoverage_UnknownParserOrQualityGates_FailNamingWhatIsUnsupported()
    {
        using var runner = new PipelineRunner();

        var (parserResult, parserLog, _) = await runner.RunAsync(Pipeline("recordCoverage(tools: [[parser: 'PIT']])"));
        var (gatesResult, gatesLog, _) = await runner.RunAsync(Pipeline("recordCoverage(tools: [[parser: 'JACOCO']], qualityGates: [[threshold: 60.0, metric: 'LINE']])"));

        Assert.True(parserResult == BuildResult.Failure, parserLog);
        Assert.Contains("ERROR: recordCoverage: the parser 'PIT' is not supported by ContainerCd; supported: JACOCO, COBERTURA", parserLog, StringComparison.Ordinal);
        Assert.True(gatesResult == BuildResult.Failure, gatesLog);
        Assert.Contains("ERROR: recordCoverage: \"qualityGates\" is not supported by containercd run: ContainerCd records coverage without judging it", gatesLog, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cobertura_CoverageTargets_LintWarnsAndRunFailsWithTheSameWords_InsteadOfIgnoringThem()
    {
        // Given a cobertura step whose targets would make the build unstable on Jenkins
        using var runner = new PipelineRunner();
        var step = "cobertura coberturaReportFile: '**/coverage.xml', lineCoverageTargets: '80, 0, 0'";

        // When it is linted and run
        var lint = ContainerCd.Parser.Jenkinsfile.Parse(new ContainerCd.Parser.Text.SourceText("Jenkinsfile", Pipeline(step)));
        var (result, log, _) = await runner.RunAsync(Pipeline(step));

        // Then lint warns and run fails, both naming the parameter, rather than a green build that judged nothing
        var words = "cobertura: \"lineCoverageTargets\" is not supported by containercd run";
        Assert.Contains(lint.Diagnostics, d => d.Code == "JP2012" && d.Message.StartsWith(words, StringComparison.Ordinal));
        Assert.True(result == BuildResult.Failure, log);
        Assert.Contains("ERROR: " + words, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cobertura_SumsTheMatchedReportsAndFailsOnAMalformedOneNamingFileLineAndColumn()
    {
        using var runner = new PipelineRunner();

        var (result, log, observer) = await runner.RunAsync(Pipeline($$"""
            writeFile file: 'a/coverage.xml', text: '''{{CoverageSamples.CoberturaWithTotals}}'''
            writeFile file: 'b/coverage.xml', text: '''{{CoverageSamples.CoberturaWithoutTotals}}'''
            cobertura coberturaReportFile: '**/coverage.xml'
            writeFile file: 'c/coverage.xml', text: '<coverage>\n<packages>\n</coverage>'
            cobertura coberturaReportFile: '**/coverage.xml'
            """));

        Assert.True(result == BuildResult.Failure, log);
        Assert.True(log.Contains("[Cobertura] Cobertura: 2 report(s), Line Coverage: 71.43% (10/14), Branch Coverage: 75.00% (6/8)\n", StringComparison.Ordinal), log);
        Assert.True(log.Contains("ERROR: Failed to read coverage report c/coverage.xml(3,3): not well-formed XML: ", StringComparison.Ordinal), log);
        Assert.Equal([(10L, 14L, 6L, 8L)], observer.Events.OfType<CoverageReport>().Select(r => (r.LinesCovered, r.LinesTotal, r.BranchesCovered, r.BranchesTotal)));
    }

    [Fact]
    public async Task Jacoco_ReadsBinaryExecFiles_FailsAsAnUnsupportedStep()
    {
        using var runner = new PipelineRunner();

        var (result, log, _) = await runner.RunAsync(Pipeline("jacoco execPattern: 'target/*.exec'"));

        Assert.True(result == BuildResult.Failure, log);
        Assert.Contains("step 'jacoco' is not supported by containercd run", log, StringComparison.Ordinal);
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
