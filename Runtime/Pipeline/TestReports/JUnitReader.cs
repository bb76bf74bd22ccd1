using System.Xml;
using ContainerCd.Runtime.Events;

namespace ContainerCd.Runtime.Pipeline.TestReports;

/// <summary>
/// Reads the JUnit XML that real tools write (Maven Surefire and Failsafe, Gradle, pytest, Jest, go-junit-report,
/// PHPUnit): <c>testsuites</c> or <c>testsuite</c> at the root, suites nested at any depth (a
/// case belongs to its innermost suite, as in Jenkins), <c>failure</c> and <c>error</c> (both FAILED), <c>skipped</c>,
/// Surefire's flaky reruns, and the case's <c>system-out</c>/<c>system-err</c>.
/// One case at a time from an <see cref="XmlReader"/>: memory does not grow with the file.
/// </summary>
internal static class JUnitReader
{
    public static IEnumerable<TestCaseResult> Read(XmlReader reader, bool keepLongStdio)
    {
        var suites = new Stack<string>();
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                switch (reader.LocalName)
                {
                    case "testsuite" when !reader.IsEmptyElement:
                        suites.Push(reader.GetAttribute("name") ?? string.Empty);
                        break;
                    case "testcase":
                        yield return ReadCase(reader, suites.Count > 0 ? suites.Peek() : string.Empty, keepLongStdio);
                        break;
                    default:
                        break;
                }
            }
            else if (reader.NodeType == XmlNodeType.EndElement && reader.LocalName == "testsuite" && suites.Count > 0)
            {
                suites.Pop();
            }
        }
    }

    /// <summary>Reads the <c>testcase</c> element the reader is on, leaving the reader on its last node.</summary>
    private static TestCaseResult ReadCase(XmlReader reader, string suite, bool keepLongStdio)
    {
        var name = reader.GetAttribute("name") ?? string.Empty;
        var className = reader.GetAttribute("classname") ?? reader.GetAttribute("class") ?? suite;
        var duration = ReportText.Seconds(reader.GetAttribute("time"));
        string status = "PASSED";
        string? message = null, stackTrace = null, stdout = null, stderr = null;
        var flaky = 0;
        if (!reader.IsEmptyElement)
        {
            var depth = reader.Depth;
            while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
            {
                if (reader.NodeType != XmlNodeType.Element || reader.Depth != depth + 1)
                {
                    continue;
                }

                switch (reader.LocalName)
                {
                    case "failure" or "error":
                        status = "FAILED";
                        message = reader.GetAttribute("message");
                        stackTrace = NullIfEmpty(ReadText(reader));
                        break;
                    case "skipped" when status != "FAILED":
                        status = "SKIPPED";
                        message = reader.GetAttribute("message");
                        ReadText(reader);
                        break;
                    case "flakyFailure" or "flakyError":
                        flaky++;
                        ReadText(reader);
                        break;
                    case "system-out":
                        stdout = ReadText(reader);
                        break;
                    case "system-err":
                        stderr = ReadText(reader);
                        break;
                    default:
                        ReadText(reader);
                        break;
                }

                // The element's content was consumed: the reader is on its end, or on the element itself when empty.
            }
        }

        var passed = status != "FAILED";
        return new TestCaseResult(suite, className, name, status, duration, message)
        {
            StackTrace = stackTrace,
            Stdout = StdioTrimming.Trim(stdout, passed, keepLongStdio),
            Stderr = StdioTrimming.Trim(stderr, passed, keepLongStdio),
            FlakyFailures = flaky,
        };
    }

    /// <summary>The text and CDATA inside the element the reader is on; the reader ends on its end tag (or on it, when empty).</summary>
    private static string ReadText(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            return string.Empty;
        }

        var depth = reader.Depth;
        var text = new System.Text.StringBuilder();
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                text.Append(reader.Value);
            }
        }

        return text.ToString();
    }

    private static string? NullIfEmpty(string text) => text.Trim().Length == 0 ? null : text;
}
