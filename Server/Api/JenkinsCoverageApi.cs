using System.Globalization;
using ContainerCd.Server.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ContainerCd.Server.Api;

/// <summary>
/// Coverage as Jenkins' plugins serve it: the coverage plugin's (recordCoverage) <c>CoverageBuildAction</c> in a build's
/// <c>actions[]</c> and its REST API at <c>/job/J/N/coverage/api/json</c> (CoverageApi: project statistics and the delta
/// against the reference build as the plugin formats them), and the cobertura plugin's <c>CoberturaBuildAction</c> with
/// <c>/job/J/N/cobertura/api/json</c> (its CoverageResult's <c>results</c> tree, Lines and Conditionals). ContainerCd keeps
/// line and branch counts per build, not the report's package and file tree: the metrics and the tree's children that
/// need it are left out, never made up. See docs/api.md.
/// </summary>
internal static class JenkinsCoverageApi
{
    public const string CoverageRecorder = "recordCoverage";
    public const string CoberturaRecorder = "cobertura";

    public static void MapJenkinsCoverageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/job/{job}/{build}/coverage/api/json", GetCoverage);
        app.MapGet("/job/{job}/{build}/cobertura/api/json", GetCobertura);
    }

    /// <summary>The build's <c>actions[]</c> entries of the coverage steps it ran (none when it recorded no coverage).</summary>
    public static IEnumerable<Dictionary<string, object?>> Actions(BuildStore store, string job, int number)
    {
        var recorders = store.GetCoverageByTool(job, number).Select(t => t.Recorder).ToHashSet(StringComparer.Ordinal);
        if (recorders.Contains(CoverageRecorder))
        {
            yield return new() { ["_class"] = "io.jenkins.plugins.coverage.metrics.steps.CoverageBuildAction" };
        }

        if (recorders.Contains(CoberturaRecorder))
        {
            yield return new() { ["_class"] = "hudson.plugins.cobertura.CoberturaBuildAction" };
        }
    }

    private static IResult GetCoverage(ServerContext server, string job, string build)
    {
        if (server.Resolve(job, build) is not { } b || Counts(server.Store, job, b.Number, CoverageRecorder) is not { } counts)
        {
            return Results.NotFound();
        }

        var reference = server.Store.GetPreviousCoverageBuild(job, b.Number, CoverageRecorder);
        var before = reference is { } r ? Counts(server.Store, job, r, CoverageRecorder) : null;
        return Results.Ok(new Dictionary<string, object?>
        {
            ["_class"] = "io.jenkins.plugins.coverage.metrics.restapi.CoverageApi",
            ["modifiedFilesDelta"] = new Dictionary<string, string>(),
            ["modifiedFilesStatistics"] = new Dictionary<string, string>(),
            ["modifiedLinesDelta"] = new Dictionary<string, string>(),
            ["modifiedLinesStatistics"] = new Dictionary<string, string>(),
            ["projectDelta"] = before is null ? new SortedDictionary<string, string>(StringComparer.Ordinal) : ProjectDelta(counts, before),
            ["projectStatistics"] = ProjectStatistics(counts),
            ["qualityGates"] = new Dictionary<string, object?> { ["overallResult"] = "INACTIVE", ["resultItems"] = Array.Empty<object>() },
            ["referenceBuild"] = reference is { } number ? $"<a href=\"{JenkinsJobPaths.Url(job)}{number}/\">{job} #{number}</a>" : "-",
        });
    }

    private static IResult GetCobertura(ServerContext server, string job, string build)
    {
        if (server.Resolve(job, build) is not { } b || Counts(server.Store, job, b.Number, CoberturaRecorder) is not { } counts)
        {
            return Results.NotFound();
        }

        var elements = new List<Dictionary<string, object?>> { Element("Lines", counts.LinesCovered, counts.LinesTotal) };
        if (counts.BranchesTotal > 0)
        {
            elements.Add(Element("Conditionals", counts.BranchesCovered, counts.BranchesTotal));
        }

        return Results.Ok(new Dictionary<string, object?>
        {
            ["_class"] = "hudson.plugins.cobertura.targets.CoverageResult",
            ["results"] = new Dictionary<string, object?>
            {
                ["children"] = Array.Empty<object>(),
                ["elements"] = elements,
                ["name"] = "Cobertura Coverage Report",
            },
        });
    }

    /// <summary>The coverage plugin's metrics with a value, by tag name, formatted as its ElementFormatter does in English.</summary>
    private static SortedDictionary<string, string> ProjectStatistics(BuildStore.CoverageCounts counts)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (counts.LinesTotal > 0)
        {
            values["line"] = Percent(counts.LinesCovered, counts.LinesTotal).ToString("0.00", CultureInfo.InvariantCulture) + "%";
            values["loc"] = counts.LinesTotal.ToString(CultureInfo.InvariantCulture);
        }

        if (counts.BranchesTotal > 0)
        {
            values["branch"] = Percent(counts.BranchesCovered, counts.BranchesTotal).ToString("0.00", CultureInfo.InvariantCulture) + "%";
        }

        return values;
    }

    /// <summary>The change against the reference build of the metrics both builds have: <c>+5.33%</c>, <c>-4.14%</c>, <c>±0%</c>; lines of code as <c>+12</c>, <c>±0</c>.</summary>
    private static SortedDictionary<string, string> ProjectDelta(BuildStore.CoverageCounts now, BuildStore.CoverageCounts before)
    {
        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (now.LinesTotal > 0 && before.LinesTotal > 0)
        {
            values["line"] = SignedPercent(Percent(now.LinesCovered, now.LinesTotal) - Percent(before.LinesCovered, before.LinesTotal));
            values["loc"] = now.LinesTotal == before.LinesTotal
                ? "±0"
                : (now.LinesTotal - before.LinesTotal).ToString("+0;-0", CultureInfo.InvariantCulture);
        }

        if (now.BranchesTotal > 0 && before.BranchesTotal > 0)
        {
            values["branch"] = SignedPercent(Percent(now.BranchesCovered, now.BranchesTotal) - Percent(before.BranchesCovered, before.BranchesTotal));
        }

        return values;
    }

    private static string SignedPercent(decimal delta) =>
        Math.Round(delta, 2, MidpointRounding.AwayFromZero) is var rounded && rounded == 0
            ? "±0%"
            : rounded.ToString("+0.00;-0.00", CultureInfo.InvariantCulture) + "%";

    /// <summary>Rounded half up to two decimals, as Java's <c>%.2f</c>.</summary>
    private static decimal Percent(long covered, long total) => Math.Round(100m * covered / total, 2, MidpointRounding.AwayFromZero);

    /// <summary>The cobertura plugin's CoverageTreeElement: the percentage as its Ratio gives it (a float, 100 * numerator / denominator).</summary>
    private static Dictionary<string, object?> Element(string name, long covered, long total) => new()
    {
        ["name"] = name,
        ["ratio"] = total == 0 ? 100f : (float)(covered * 100.0 / total),
        ["numerator"] = (float)covered,
        ["denominator"] = (float)total,
    };

    private static BuildStore.CoverageCounts? Counts(BuildStore store, string job, int number, string recorder)
    {
        var tools = store.GetCoverageByTool(job, number).Where(t => t.Recorder == recorder).ToList();
        return tools.Count == 0
            ? null
            : new BuildStore.CoverageCounts(
                tools.Sum(t => t.Counts.LinesCovered), tools.Sum(t => t.Counts.LinesTotal), tools.Sum(t => t.Counts.BranchesCovered), tools.Sum(t => t.Counts.BranchesTotal));
    }
}
