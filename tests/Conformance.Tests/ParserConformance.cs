using System.Text.Json;
using ContainerCd.Entry;
using ContainerCd.Parser;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Text;
using ContainerCd.Parser.Validation;

namespace ContainerCd.Conformance.Tests;

/// <summary>What the parser tests do with one corpus case; shared by the per-case tests and the summary.</summary>
internal static class ParserConformance
{
    /// <summary>The compile-phase error cases, by id.</summary>
    public static IEnumerable<ConformanceCase> CompileErrorCases => Corpus.Cases.Where(c => c.IsCompileError);

    /// <summary>One run case per distinct pipeline file (several cases share a file).</summary>
    public static IEnumerable<ConformanceCase> RunPipelineCases =>
        Corpus.Cases.Where(c => c.IsRun).GroupBy(c => c.File, StringComparer.Ordinal).Select(g => g.First());

    /// <summary>Null when the case is rejected (lint exit code 1) with every expected string; otherwise what is wrong.</summary>
    public static string? CheckCompileError(ConformanceCase testCase)
    {
        var path = Corpus.PipelinePath(testCase);
        var options = ToolOptions(testCase);
        var result = Jenkinsfile.Parse(new SourceText("WorkflowScript", File.ReadAllText(path)), options);
        var report = JenkinsErrorReport.Render(result.Source, result.Diagnostics);
        var missing = testCase.ErrorContains.Where(s => !report.Contains(s, StringComparison.Ordinal)).ToList();
        var exitCode = Lint(path, options);
        if (missing.Count == 0 && exitCode == ExitCodes.LintErrors)
        {
            return null;
        }

        return $"lint exit code {exitCode}; missing: {string.Join(" | ", missing)}\n--- report ---\n{report}";
    }

    /// <summary>Null when the pipeline lints without error (exit code 0); otherwise the errors.</summary>
    public static string? CheckRunPipeline(ConformanceCase testCase)
    {
        var path = Corpus.PipelinePath(testCase);
        var result = Jenkinsfile.Parse(new SourceText(testCase.File, File.ReadAllText(path)));
        var errors = result.Diagnostics.Where(d => d.IsError).ToList();
        var exitCode = Lint(path, ValidationOptions.Default);
        if (errors.Count == 0 && exitCode == ExitCodes.Success)
        {
            return null;
        }

        return $"lint exit code {exitCode}:\n" + string.Join("\n", errors.Select(e => $"{result.Source.GetPosition(e.Span.Start)}: {e.Message}"));
    }

    private static int Lint(string path, ValidationOptions options)
    {
        using var output = new StringWriter();
        return LintCommand.Run([path], "text", options, output, output);
    }

    /// <summary>The tool installs the upstream test configures (<c>setup.tools</c>), as <c>--tool</c> would give them.</summary>
    private static ValidationOptions ToolOptions(ConformanceCase testCase)
    {
        if (testCase.Setup is not { ValueKind: JsonValueKind.Object } setup || !setup.TryGetProperty("tools", out var tools))
        {
            return ValidationOptions.Default;
        }

        var specs = tools.EnumerateArray()
            .Select(t => $"{t.GetProperty("type").GetString()}={t.GetProperty("name").GetString()}")
            .ToList();
        return LintCommand.ParseTools(specs) ?? ValidationOptions.Default;
    }
}
