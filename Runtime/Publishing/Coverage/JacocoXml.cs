using System.Xml;

namespace ContainerCd.Runtime.Publishing.Coverage;

/// <summary>
/// JaCoCo's XML report: the totals are the <c>counter</c> elements directly under <c>report</c>
/// (<c>type="LINE"</c> and <c>type="BRANCH"</c>, each with <c>missed</c> and <c>covered</c>).
/// </summary>
internal static class JacocoXml
{
    public static CoverageSummary Read(XmlReader reader, string displayPath)
    {
        reader.MoveToContent();
        if (reader.LocalName != "report")
        {
            throw CoverageXml.NotA(reader, displayPath, "JaCoCo");
        }

        var totalsDepth = reader.Depth + 1;
        var summary = new CoverageSummary("JaCoCo", 0, 0, 0, 0);
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != totalsDepth || reader.LocalName != "counter")
            {
                continue;
            }

            var missed = CoverageXml.Long(reader, "missed");
            var covered = CoverageXml.Long(reader, "covered");
            summary = reader.GetAttribute("type") switch
            {
                "LINE" => summary with { LinesCovered = summary.LinesCovered + covered, LinesTotal = summary.LinesTotal + covered + missed },
                "BRANCH" => summary with { BranchesCovered = summary.BranchesCovered + covered, BranchesTotal = summary.BranchesTotal + covered + missed },
                _ => summary,
            };
        }

        return summary;
    }
}
