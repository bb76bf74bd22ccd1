using System.Globalization;
using System.Xml;

namespace ContainerCd.Runtime.Publishing.Coverage;

/// <summary>
/// Cobertura's XML report (as Cobertura, coverage.py, Istanbul, gcovr and coverlet write it): the totals of the
/// root <c>coverage</c> element (<c>lines-covered</c>, <c>lines-valid</c>, <c>branches-covered</c>,
/// <c>branches-valid</c>), or, in reports without them, the counts of each class's own <c>lines/line</c> elements
/// (<c>hits</c>, and <c>condition-coverage="50% (1/2)"</c> for a branch).
/// </summary>
internal static class CoberturaXml
{
    public static CoverageSummary Read(XmlReader reader, string displayPath)
    {
        reader.MoveToContent();
        if (reader.LocalName != "coverage")
        {
            throw CoverageXml.NotA(reader, displayPath, "Cobertura");
        }

        if (reader.GetAttribute("lines-valid") is not null)
        {
            var totals = new CoverageSummary(
                "Cobertura",
                CoverageXml.Long(reader, "lines-covered"),
                CoverageXml.Long(reader, "lines-valid"),
                CoverageXml.Long(reader, "branches-covered"),
                CoverageXml.Long(reader, "branches-valid"));
            while (reader.Read())
            {
                // Read to the end, so that a malformed file is refused whichever way it carries its totals.
            }

            return totals;
        }

        return CountLines(reader);
    }

    private static CoverageSummary CountLines(XmlReader reader)
    {
        var summary = new CoverageSummary("Cobertura", 0, 0, 0, 0);
        // The path of open elements from the root, which MoveToContent has already read past.
        var path = new List<string> { reader.LocalName };
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.EndElement)
            {
                path.RemoveAt(path.Count - 1);
                continue;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            // A class's own lines (class/lines/line); the lines under its methods repeat them.
            if (reader.LocalName == "line" && path.Count >= 2 && path[^1] == "lines" && path[^2] == "class")
            {
                summary = Line(reader, summary);
            }

            if (!reader.IsEmptyElement)
            {
                path.Add(reader.LocalName);
            }
        }

        return summary;
    }

    private static CoverageSummary Line(XmlReader reader, CoverageSummary summary)
    {
        var covered = CoverageXml.Long(reader, "hits") > 0;
        summary = summary with { LinesCovered = summary.LinesCovered + (covered ? 1 : 0), LinesTotal = summary.LinesTotal + 1 };
        if (reader.GetAttribute("branch") == "true" && Conditions(reader.GetAttribute("condition-coverage")) is var (hit, all))
        {
            summary = summary with { BranchesCovered = summary.BranchesCovered + hit, BranchesTotal = summary.BranchesTotal + all };
        }

        return summary;
    }

    /// <summary>"50% (1/2)" as (1, 2).</summary>
    private static (long Covered, long Total)? Conditions(string? text)
    {
        var open = text?.IndexOf('(', StringComparison.Ordinal) ?? -1;
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        var close = text?.IndexOf(')', StringComparison.Ordinal) ?? -1;
        return open >= 0 && slash > open && close > slash
            && long.TryParse(text![(open + 1)..slash], NumberStyles.Integer, CultureInfo.InvariantCulture, out var covered)
            && long.TryParse(text[(slash + 1)..close], NumberStyles.Integer, CultureInfo.InvariantCulture, out var total)
            ? (covered, total)
            : null;
    }
}
