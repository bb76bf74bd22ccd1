using System.Xml;
using ContainerCd.Runtime.Events;

namespace ContainerCd.Runtime.Pipeline.TestReports;

/// <summary>
/// Streams the cases of one report file. XML that is not well-formed ends the enumeration with a
/// <see cref="TestReportFormatException"/> saying where; no DTD or external entity is ever read.
/// </summary>
internal static class TestReportFile
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    public static IEnumerable<TestCaseResult> Read(string fullPath, bool keepLongStdio, TestReportFormat format = TestReportFormat.JUnit)
    {
        XmlReader Open() => XmlReader.Create(File.OpenRead(fullPath), Settings);
        using var reader = format == TestReportFormat.Trx ? null : Open();
        using var cases = (format switch
        {
            TestReportFormat.XUnitDotNet => XUnitDotNetReader.Read(reader!, keepLongStdio),
            TestReportFormat.NUnit3 => NUnit3Reader.Read(reader!, keepLongStdio),
            TestReportFormat.Trx => TrxReader.Read(Open, keepLongStdio),
            _ => JUnitReader.Read(reader!, keepLongStdio),
        }).GetEnumerator();
        while (Next(cases))
        {
            yield return cases.Current;
        }
    }

    private static bool Next(IEnumerator<TestCaseResult> cases)
    {
        try
        {
            return cases.MoveNext();
        }
        catch (XmlException e)
        {
            throw new TestReportFormatException(Reason(e), e.LineNumber, e.LinePosition);
        }
    }

    /// <summary>XmlException's message without the " Line N, position M." it appends (the position is given apart).</summary>
    private static string Reason(XmlException e)
    {
        var message = e.Message;
        var at = message.LastIndexOf(" Line ", StringComparison.Ordinal);
        return at > 0 && e.LineNumber > 0 ? message[..at] : message;
    }
}
