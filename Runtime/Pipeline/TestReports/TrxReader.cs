using System.Globalization;
using System.Xml;
using ContainerCd.Runtime.Events;

namespace ContainerCd.Runtime.Pipeline.TestReports;

/// <summary>
/// Visual Studio TRX (<c>dotnet test --logger trx</c>, MSTest): <c>Results/UnitTestResult</c> with <c>testName</c>,
/// <c>duration</c> (hh:mm:ss.fffffff), <c>outcome</c> and <c>Output</c> (<c>StdOut</c>, <c>StdErr</c>,
/// <c>ErrorInfo/Message</c>, <c>ErrorInfo/StackTrace</c>); the class comes from <c>TestDefinitions/UnitTest/TestMethod</c>,
/// which TRX writes after the results, so the file is read twice: once for the classes (kept: one name per test),
/// once for the results (streamed). Failed, Error, Timeout and Aborted are failures; NotExecuted, Inconclusive
/// and the like are skipped, as the mstest plugin's conversion gives.
/// </summary>
internal static class TrxReader
{
    public static IEnumerable<TestCaseResult> Read(Func<XmlReader> open, bool keepLongStdio)
    {
        var classes = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var definitions = open())
        {
            string? testId = null;
            while (definitions.Read())
            {
                if (definitions.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                if (definitions.LocalName == "UnitTest")
                {
                    testId = definitions.GetAttribute("id");
                }
                else if (definitions.LocalName == "TestMethod" && testId is not null && definitions.GetAttribute("className") is { } className)
                {
                    // "Namespace.Class, Assembly, Version=..." in MSTest's TRX: the class is before the first comma.
                    classes[testId] = className.Split(',')[0].Trim();
                }
            }
        }

        using var reader = open();
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "UnitTestResult")
            {
                yield return ReadResult(reader, classes, keepLongStdio);
            }
        }
    }

    private static TestCaseResult ReadResult(XmlReader reader, Dictionary<string, string> classes, bool keepLongStdio)
    {
        var className = classes.GetValueOrDefault(reader.GetAttribute("testId") ?? string.Empty, string.Empty);
        var name = reader.GetAttribute("testName") ?? string.Empty;
        if (className.Length > 0 && name.StartsWith(className + ".", StringComparison.Ordinal))
        {
            name = name[(className.Length + 1)..];
        }

        var status = reader.GetAttribute("outcome") switch
        {
            "Failed" or "Error" or "Timeout" or "Aborted" => "FAILED",
            "Passed" or "PassedButRunAborted" or "Warning" or "Completed" => "PASSED",
            _ => "SKIPPED",
        };
        var duration = TimeSpan.TryParse(reader.GetAttribute("duration"), CultureInfo.InvariantCulture, out var d) && d >= TimeSpan.Zero ? d : TimeSpan.Zero;
        string? message = null, stackTrace = null, stdout = null, stderr = null;
        foreach (var (path, text) in ReportText.Children(reader))
        {
            switch (path)
            {
                case "Output/ErrorInfo/Message":
                    message = text;
                    break;
                case "Output/ErrorInfo/StackTrace":
                    stackTrace = text;
                    break;
                case "Output/StdOut":
                    stdout = text;
                    break;
                case "Output/StdErr":
                    stderr = text;
                    break;
                default:
                    break;
            }
        }

        var passed = status != "FAILED";
        return new TestCaseResult(className, className, name, status, duration, message)
        {
            StackTrace = ReportText.NullIfBlank(stackTrace),
            Stdout = StdioTrimming.Trim(stdout, passed, keepLongStdio),
            Stderr = StdioTrimming.Trim(stderr, passed, keepLongStdio),
        };
    }
}
