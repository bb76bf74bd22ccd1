using System.Globalization;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Files;
using ContainerCd.Runtime.Publishing;
using ContainerCd.Runtime.Publishing.Coverage;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// The steps that record code coverage from XML reports: recordCoverage (the coverage plugin) and cobertura (the
/// cobertura plugin). The jacoco step stays unsupported (the catalog says so to lint and run alike): its plugin reads
/// JaCoCo's binary .exec files with the class files, not the XML report recordCoverage reads.
/// </summary>
internal static class CoverageSteps
{
    private static readonly Dictionary<string, (CoverageTool Tool, string Name, string DefaultPattern)> Parsers = new(StringComparer.Ordinal)
    {
        ["JACOCO"] = (CoverageTool.Jacoco, "JaCoCo", "**/jacoco.xml"),
        ["COBERTURA"] = (CoverageTool.Cobertura, "Cobertura", "**/cobertura.xml"),
    };

    public static IEnumerable<IStep> All()
    {
        yield return new DelegateStep("recordCoverage", RecordCoverageAsync);
        yield return new DelegateStep("cobertura", CoberturaAsync);
    }

    /// <summary>
    /// <c>recordCoverage(tools: [[parser: 'JACOCO', pattern: '...'], [parser: 'COBERTURA']])</c>: each tool's files
    /// (the plugin's default pattern when none is given) read and summed; no file logs the plugin's error and goes
    /// on, unless <c>failOnError</c>. Returns nothing, as the plugin's step.
    /// </summary>
    private static ValueTask<object?> RecordCoverageAsync(StepContext context)
    {
        var tools = GroovyInterpreter.Iterate(context.Argument("tools")).ToList();
        if (tools.Count == 0)
        {
            throw context.Abort("recordCoverage needs its tools, as recordCoverage(tools: [[parser: 'JACOCO', pattern: '**/jacoco.xml']])");
        }

        var failOnError = context.Boolean("failOnError", false);
        foreach (var item in tools)
        {
            var (parser, pattern) = Tool(context, item);
            if (!Parsers.TryGetValue(parser, out var format))
            {
                throw context.Abort($"recordCoverage: the parser '{parser}' is not supported by ContainerCd; supported: {string.Join(", ", Parsers.Keys)}");
            }

            pattern ??= format.DefaultPattern;
            context.Log($"[Coverage] Using parser {format.Name}");
            var files = context.Scan(pattern, null);
            context.Log($"[Coverage] Found {files.Count} file(s) for pattern '{pattern}'");
            if (files.Count == 0)
            {
                var missing = $"No files found for pattern '{pattern}'. Configuration error?";
                context.Log("[Coverage] [-ERROR-] " + missing);
                if (failOnError)
                {
                    throw context.Abort("recordCoverage: " + missing);
                }

                continue;
            }

            Record(context, "[Coverage]", files, format.Tool, format.Name);
        }

        return ValueTask.FromResult<object?>(null);
    }

    /// <summary>
    /// <c>cobertura(coberturaReportFile: '**/coverage.xml')</c>: the Cobertura XML reports summed; no report fails the
    /// step unless <c>failNoReports: false</c>, as the cobertura plugin.
    /// </summary>
    private static ValueTask<object?> CoberturaAsync(StepContext context)
    {
        var pattern = context.RequiredString("coberturaReportFile");
        context.Log("[Cobertura] Publishing Cobertura coverage report...");
        var files = context.Scan(pattern, null);
        if (files.Count == 0)
        {
            var missing = $"[Cobertura] No coverage results were found using the pattern '{pattern}' relative to '{context.WorkingDirectory}'.  Did you enter a pattern relative to the correct directory?  Did you generate the XML report(s) for Cobertura?";
            if (context.Boolean("failNoReports", true))
            {
                throw context.Abort(missing);
            }

            context.Log(missing);
            return ValueTask.FromResult<object?>(null);
        }

        Record(context, "[Cobertura]", files, CoverageTool.Cobertura, "Cobertura");
        return ValueTask.FromResult<object?>(null);
    }

    private static (string Parser, string? Pattern) Tool(StepContext context, object? item)
    {
        string? Text(object? value) => value is null ? null : GroovyFormat.ToDisplayString(value);
        return item switch
        {
            GroovyMap map => (
                Text(map.TryGetValue("parser", out var parser) ? parser : null) ?? throw context.Abort("recordCoverage: a tool needs its parser, as [parser: 'JACOCO']"),
                Text(map.TryGetValue("pattern", out var pattern) ? pattern : null) is { Length: > 0 } p ? p : null),
            DescribableValue { Symbol: "coverageTool" } tool => (
                Text(tool.Get("parser")) ?? throw context.Abort("recordCoverage: a tool needs its parser, as [parser: 'JACOCO']"),
                Text(tool.Get("pattern")) is { Length: > 0 } p ? p : null),
            _ => throw context.Abort($"recordCoverage: a tool is a map as [parser: 'JACOCO', pattern: '**/jacoco.xml'], not '{Text(item)}'"),
        };
    }

    private static void Record(StepContext context, string prefix, IReadOnlyList<MatchedFile> files, CoverageTool tool, string name)
    {
        var summary = new CoverageSummary(name, 0, 0, 0, 0);
        foreach (var file in files)
        {
            try
            {
                summary = summary.Add(CoverageXml.Read(file.FullPath, file.Path, tool));
            }
            catch (CoverageReportException e)
            {
                throw context.Abort($"Failed to read coverage report {e.Message}");
            }
        }

        context.Log($"{prefix} {name}: {files.Count} report(s), Line Coverage: {Ratio(summary.LinesCovered, summary.LinesTotal)}, Branch Coverage: {Ratio(summary.BranchesCovered, summary.BranchesTotal)}");
        context.Build.Sink.CoverageReport(context.Flow.Stage?.Id, context.Step.Name, summary);
    }

    private static string Ratio(long covered, long total) =>
        total == 0
            ? "n/a (0/0)"
            : string.Create(CultureInfo.InvariantCulture, $"{Math.Round(100.0 * covered / total, 2):0.00}% ({covered}/{total})");
}
