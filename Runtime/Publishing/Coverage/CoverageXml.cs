using System.Xml;

namespace ContainerCd.Runtime.Publishing.Coverage;

/// <summary>
/// Reads a coverage report as a stream (a report of any size in bounded memory), with no DTD processing and no
/// resolver (JaCoCo's DOCTYPE names a DTD that is never fetched). A malformed file fails naming it, its line and column.
/// </summary>
public static class CoverageXml
{
    /// <summary>The summary of the report at <paramref name="path"/> (shown as <paramref name="displayPath"/>) in the <paramref name="tool"/>'s format.</summary>
    public static CoverageSummary Read(string path, string displayPath, CoverageTool tool)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true };
        try
        {
            using var reader = XmlReader.Create(path, settings);
            return tool == CoverageTool.Jacoco ? JacocoXml.Read(reader, displayPath) : CoberturaXml.Read(reader, displayPath);
        }
        catch (XmlException e)
        {
            throw new CoverageReportException($"{displayPath}({e.LineNumber},{e.LinePosition}): not well-formed XML: {e.Message}", e);
        }
    }

    internal static long Long(XmlReader reader, string attribute) =>
        long.TryParse(reader.GetAttribute(attribute), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0;

    internal static CoverageReportException NotA(XmlReader reader, string displayPath, string format)
    {
        var at = reader as IXmlLineInfo;
        return new CoverageReportException($"{displayPath}({at?.LineNumber ?? 0},{at?.LinePosition ?? 0}): not a {format} XML report (its root element is <{reader.LocalName}>)");
    }
}

/// <summary>The formats of coverage reports read here: the coverage plugin's parser names JACOCO and COBERTURA.</summary>
public enum CoverageTool
{
    Jacoco,
    Cobertura,
}

/// <summary>A coverage report that cannot be read; the message names the file, line and column.</summary>
public sealed class CoverageReportException : Exception
{
    public CoverageReportException()
    {
    }

    public CoverageReportException(string message)
        : base(message)
    {
    }

    public CoverageReportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
