using System.Xml;
using ContainerCd.Runtime.Events;

namespace ContainerCd.Runtime.Pipeline.TestReports;

/// <summary>
/// xUnit.net v2 XML (<c>dotnet test --logger xunit</c>, <c>xunit.console -xml</c>): <c>assemblies/assembly/collection/test</c>
/// with <c>type</c>, <c>method</c>, <c>time</c>, <c>result</c> Pass/Fail/Skip, <c>failure/message</c>,
/// <c>failure/stack-trace</c>, <c>reason</c> and <c>output</c>. The suite is the test class, as the xunit plugin's conversion gives.
/// </summary>
internal static class XUnitDotNetReader
{
    public static IEnumerable<TestCaseResult> Read(XmlReader reader, bool keepLongStdio)
    {
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "test")
            {
                yield return ReadTest(reader, keepLongStdio);
            }
        }
    }

    private static TestCaseResult ReadTest(XmlReader reader, bool keepLongStdio)
    {
        var type = reader.GetAttribute("type") ?? string.Empty;
        var name = reader.GetAttribute("name") ?? reader.GetAttribute("method") ?? string.Empty;
        if (type.Length > 0 && name.StartsWith(type + ".", StringComparison.Ordinal))
        {
            name = name[(type.Length + 1)..];
        }

        var status = reader.GetAttribute("result") switch
        {
            "Fail" => "FAILED",
            "Skip" or "NotRun" => "SKIPPED",
            _ => "PASSED",
        };
        var duration = ReportText.Seconds(reader.GetAttribute("time"));
        var (message, stackTrace, output) = ReportText.CaseDetails(reader, "failure/message", "reason");

        return new TestCaseResult(type, type, name, status, duration, message)
        {
            StackTrace = ReportText.NullIfBlank(stackTrace),
            Stdout = StdioTrimming.Trim(output, status != "FAILED", keepLongStdio),
        };
    }
}
