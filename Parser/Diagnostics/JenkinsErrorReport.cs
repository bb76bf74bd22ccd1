using System.Globalization;
using System.Text;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Diagnostics;

/// <summary>
/// Renders a rejected Jenkinsfile's errors as Jenkins prints them in the console, so users recognise
/// them:
/// <code>
/// org.codehaus.groovy.control.MultipleCompilationErrorsException: startup failed:
/// WorkflowScript: 3: Undefined section "node" @ line 3, column 5.
///        node {
///        ^
///
/// 1 error
/// </code>
/// </summary>
public static class JenkinsErrorReport
{
    public const string Header = "org.codehaus.groovy.control.MultipleCompilationErrorsException: startup failed:";

    public static string Render(SourceText source, IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errors = diagnostics.Where(d => d.IsError).ToList();
        var builder = new StringBuilder();
        builder.Append(Header).Append('\n');
        foreach (var error in errors)
        {
            var position = source.GetPosition(error.Span.Start);
            var line = position.Line + 1;
            var column = position.Column + 1;
            builder.Append(CultureInfo.InvariantCulture, $"WorkflowScript: {line}: {error.Message} @ line {line}, column {column}.\n");
            var text = source.LineCount > position.Line ? source.GetLineText(position.Line) : string.Empty;
            if (text.Length > 500)
            {
                text = text[..500];
            }

            builder.Append("   ").Append(text).Append('\n');
            builder.Append("   ").Append(CaretIndent(text, position.Column)).Append("^\n\n");
        }

        builder.Append(errors.Count == 1 ? "1 error" : $"{errors.Count.ToString(CultureInfo.InvariantCulture)} errors").Append('\n');
        return builder.ToString();
    }

    /// <summary>Spaces up to the column, keeping tabs so the caret lines up under the source.</summary>
    private static string CaretIndent(string line, int column)
    {
        var indent = new StringBuilder(column);
        for (var i = 0; i < column && i < 500; i++)
        {
            indent.Append(i < line.Length && line[i] == '\t' ? '\t' : ' ');
        }

        return indent.ToString();
    }
}
