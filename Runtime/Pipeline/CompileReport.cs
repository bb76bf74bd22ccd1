using System.Globalization;
using System.Text;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Text;

namespace ContainerCd.Runtime.Pipeline;

/// <summary>A rejected Jenkinsfile's errors as Jenkins prints them (MultipleCompilationErrorsException: startup failed:).</summary>
public static class CompileReport
{
    public static string Render(SourceText source, IEnumerable<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.IsError).ToList();
        var builder = new StringBuilder("org.codehaus.groovy.control.MultipleCompilationErrorsException: startup failed:\n");
        foreach (var error in errors)
        {
            var position = source.GetPosition(error.Span.Start);
            var line = position.Line + 1;
            builder.Append(CultureInfo.InvariantCulture, $"WorkflowScript: {line}: {error.Message} @ line {line}, column {position.Column + 1}.\n");
            var text = source.LineCount > position.Line ? source.GetLineText(position.Line) : string.Empty;
            builder.Append("   ").Append(text).Append('\n');
            builder.Append("   ").Append(new string(' ', Math.Min(position.Column, text.Length))).Append("^\n\n");
        }

        builder.Append(errors.Count == 1 ? "1 error" : errors.Count.ToString(CultureInfo.InvariantCulture) + " errors").Append('\n');
        return builder.ToString();
    }
}
