using System.Xml;
using ContainerCd.Runtime.Events;

namespace ContainerCd.Runtime.Pipeline.TestReports;

/// <summary>
/// NUnit 3 XML (<c>TestResult.xml</c>, <c>dotnet test --logger nunit</c>): <c>test-case</c> elements anywhere under
/// <c>test-run</c>, with <c>classname</c>, <c>name</c>, <c>duration</c>, <c>result</c> (Passed, Failed, Skipped,
/// Inconclusive, Warning), <c>failure/message</c>, <c>failure/stack-trace</c>, <c>reason/message</c> and <c>output</c>.
/// The suite is the enclosing TestFixture, as the nunit plugin's conversion gives; Inconclusive counts as skipped.
/// </summary>
internal static class NUnit3Reader
{
    public static IEnumerable<TestCaseResult> Read(XmlReader reader, bool keepLongStdio)
    {
        var suites = new Stack<string>();
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "test-suite" && !reader.IsEmptyElement)
            {
                suites.Push(reader.GetAttribute("fullname") ?? reader.GetAttribute("name") ?? string.Empty);
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "test-suite" && suites.Count > 0)
            {
                suites.Pop();
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "test-case")
            {
                yield return ReadCase(reader, suites.Count > 0 ? suites.Peek() : string.Empty, keepLongStdio);
            }
        }
    }

    private static TestCaseResult ReadCase(XmlReader reader, string suite, bool keepLongStdio)
    {
        var className = reader.GetAttribute("classname") ?? suite;
        var name = reader.GetAttribute("name") ?? string.Empty;
        var status = reader.GetAttribute("result") switch
        {
            "Failed" => "FAILED",
            "Skipped" or "Inconclusive" => "SKIPPED",
            _ => "PASSED",
        };
        var duration = ReportText.Seconds(reader.GetAttribute("duration"));
        var (message, stackTrace, output) = ReportText.CaseDetails(reader, "failure/message", "reason/message");

        return new TestCaseResult(suite, className, name, status, duration, message)
        {
            StackTrace = ReportText.NullIfBlank(stackTrace),
            Stdout = StdioTrimming.Trim(output, status != "FAILED", keepLongStdio),
        };
    }
}
