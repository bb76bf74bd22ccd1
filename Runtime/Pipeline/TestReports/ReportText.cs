using System.Globalization;
using System.Text;
using System.Xml;

namespace ContainerCd.Runtime.Pipeline.TestReports;

/// <summary>Helpers the report readers share: element text by path under a case, and durations in seconds.</summary>
internal static class ReportText
{
    /// <summary>
    /// The text of each element under the one the reader is on, with its path relative to it ("failure/message"),
    /// at its end tag (an element's text is what follows its last child); the reader ends on the element's end tag (or on it, when empty).
    /// </summary>
    public static IEnumerable<(string Path, string Text)> Children(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            yield break;
        }

        var depth = reader.Depth;
        var path = new List<string>();
        var text = new StringBuilder();
        while (reader.Read() && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    path.Add(reader.LocalName);
                    text.Clear();
                    if (reader.IsEmptyElement)
                    {
                        yield return (string.Join('/', path), string.Empty);
                        path.RemoveAt(path.Count - 1);
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    text.Append(reader.Value);
                    break;
                case XmlNodeType.EndElement:
                    yield return (string.Join('/', path), text.ToString());
                    text.Clear();
                    path.RemoveAt(path.Count - 1);
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>
    /// What NUnit 3 and xUnit.net write under a case, read to its end: the message (the first of
    /// <paramref name="messagePaths"/> present: a failure's or a skip's reason), <c>failure/stack-trace</c> and <c>output</c>.
    /// </summary>
    public static (string? Message, string? StackTrace, string? Output) CaseDetails(XmlReader reader, params string[] messagePaths)
    {
        string? message = null, stackTrace = null, output = null;
        foreach (var (path, text) in Children(reader))
        {
            if (Array.IndexOf(messagePaths, path) >= 0)
            {
                message = text;
            }
            else if (path == "failure/stack-trace")
            {
                stackTrace = text;
            }
            else if (path == "output")
            {
                output = text;
            }
        }

        return (message, stackTrace, output);
    }

    public static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>A duration in seconds as tools write it ("0.012", "1,234.5" with a thousands separator, or nothing).</summary>
    public static TimeSpan Seconds(string? value) =>
        double.TryParse(value?.Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            && double.IsFinite(seconds) && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.Zero;
}
