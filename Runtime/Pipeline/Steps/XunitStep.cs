using System.Globalization;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Pipeline.TestReports;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// The xunit plugin's step: <c>xunit(tools: [JUnit(pattern: '...'), NUnit3(pattern: '...'), MSTest(pattern: '...'),
/// xUnitDotNet(pattern: '...')], thresholds: [failed(unstableThreshold: '0', failureThreshold: '10'), skipped(...)],
/// thresholdMode: 1)</c>. As in the plugin, only thresholds change the build's result (mode 1: numbers of tests, 2:
/// percentages); a tool whose pattern matches nothing fails the step unless <c>skipNoTestFiles: true</c>.
/// </summary>
internal static class XunitStep
{
    public static readonly IReadOnlyDictionary<string, TestReportFormat> Tools = new Dictionary<string, TestReportFormat>(StringComparer.Ordinal)
    {
        ["JUnit"] = TestReportFormat.JUnit,
        ["NUnit3"] = TestReportFormat.NUnit3,
        ["MSTest"] = TestReportFormat.Trx,
        ["xUnitDotNet"] = TestReportFormat.XUnitDotNet,
    };

    public static ValueTask<object?> RunAsync(StepContext context)
    {
        var tools = GroovyInterpreter.Iterate(context.Argument("tools")).ToList();
        var thresholds = Thresholds(context);
        context.Log("INFO: Starting to record.");
        var totals = new TestTotals(0, 0, 0);
        foreach (var item in tools)
        {
            if (item is not DescribableValue tool || !Tools.TryGetValue(tool.Symbol, out var format))
            {
                var name = item is DescribableValue other ? other.Symbol : GroovyFormat.ToDisplayString(item);
                throw context.Abort($"xunit: the tool '{name}' is not supported by ContainerCd; supported: {string.Join(", ", Tools.Keys)}");
            }

            var pattern = tool.Get("pattern", firstPositional: true) is { } p ? GroovyFormat.ToDisplayString(p) : throw context.Abort($"xunit: {tool.Symbol} needs a pattern");
            var excludes = tool.Get("excludesPattern") is { } e ? GroovyFormat.ToDisplayString(e) : null;
            context.Log($"INFO: Processing {tool.Symbol}");
            var files = context.Scan(pattern, excludes);
            context.Log($"INFO: [{tool.Symbol}] - {files.Count} test report file(s) were found with the pattern '{pattern}' relative to '{context.WorkingDirectory}' for the testing framework '{tool.Symbol}'.");
            if (files.Count == 0 && !GroovyTruth.IsTrue(tool.Get("skipNoTestFiles") ?? false))
            {
                throw context.Abort($"No test report files were found with the pattern '{pattern}' for the testing framework '{tool.Symbol}'. Configuration error?");
            }

            totals = totals.Add(TestReportRecorder.Record(context, files, new TestReportOptions(true, false, true, true) { Format = format }));
        }

        var result = thresholds.Aggregate(BuildResult.Success, (worst, t) => worst.Combine(t.Judge(totals, context)));
        if (result != BuildResult.Success)
        {
            context.Log($"INFO: Setting the build status to {result.ToJenkinsName()}");
            context.Build.SetResult(result);
            context.Flow.Stage?.Worsen(result);
        }

        if (!context.Boolean("skipPublishingChecks", false))
        {
            context.Log("[Checks API] No suitable checks publisher found.");
        }

        context.Log("INFO: Stopping recording.");
        return ValueTask.FromResult<object?>(totals.ToSummary());
    }

    private static List<Threshold> Thresholds(StepContext context)
    {
        var percent = context.Number("thresholdMode") switch
        {
            null or 1 => false,
            2 => true,
            var mode => throw context.Abort($"xunit: thresholdMode {mode} is not one of 1 (numbers) or 2 (percentages)"),
        };
        var thresholds = new List<Threshold>();
        foreach (var item in GroovyInterpreter.Iterate(context.Argument("thresholds")))
        {
            if (item is not DescribableValue { Symbol: "failed" or "skipped" } threshold)
            {
                throw context.Abort($"xunit: the threshold '{(item is DescribableValue d ? d.Symbol : GroovyFormat.ToDisplayString(item))}' is not supported by ContainerCd; supported: failed(...), skipped(...)");
            }

            foreach (var unsupported in new[] { "unstableNewThreshold", "failureNewThreshold" })
            {
                if (Value(threshold, unsupported) is not null)
                {
                    throw context.Abort($"xunit: {threshold.Symbol}({unsupported}:) is not supported by ContainerCd (it compares with the previous build)");
                }
            }

            thresholds.Add(new Threshold(threshold.Symbol, Limit(context, threshold, "unstableThreshold"), Limit(context, threshold, "failureThreshold"), percent));
        }

        return thresholds;
    }

    private static string? Value(DescribableValue threshold, string name) =>
        threshold.Get(name) is { } v && GroovyFormat.ToDisplayString(v).Trim() is { Length: > 0 } text ? text : null;

    private static double? Limit(StepContext context, DescribableValue threshold, string name) =>
        Value(threshold, name) is not { } text ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var limit) ? limit
        : throw context.Abort($"xunit: {threshold.Symbol}({name}: '{text}') is not a number");

    /// <summary>A failed or skipped threshold: exceeding the failure limit makes FAILURE, the unstable limit UNSTABLE.</summary>
    private sealed record Threshold(string Kind, double? Unstable, double? Failure, bool Percent)
    {
        public BuildResult Judge(TestTotals totals, StepContext context)
        {
            var count = Kind == "failed" ? totals.Failed : totals.Skipped;
            var value = Percent ? (totals.Total == 0 ? 0 : count * 100.0 / totals.Total) : count;
            context.Log($"INFO: Check '{(Kind == "failed" ? "Failed" : "Skipped")} Tests' threshold.");
            return Failure is { } f && value > f ? BuildResult.Failure
                : Unstable is { } u && value > u ? BuildResult.Unstable
                : BuildResult.Success;
        }
    }
}
