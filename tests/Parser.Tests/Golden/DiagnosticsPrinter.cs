using System.Text;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Tests.Golden;

/// <summary>Prints the source with each diagnostic under the line it points at, Bicep-baseline style.</summary>
public static class DiagnosticsPrinter
{
    public static string Print(SourceText source, IEnumerable<Diagnostic> diagnostics)
    {
        var byLine = diagnostics.ToLookup(d => source.GetPosition(d.Span.Start).Line);
        var builder = new StringBuilder();
        for (var line = 0; line < source.LineCount; line++)
        {
            var text = source.GetLineText(line);
            builder.Append(text).Append('\n');
            foreach (var diagnostic in byLine[line])
            {
                var position = source.GetPosition(diagnostic.Span.Start);
                var severity = diagnostic.IsError ? "error" : "warning";
                builder.Append("//@[").Append(position).Append("] ").Append(diagnostic.Code).Append(' ').Append(severity)
                    .Append(": ").Append(diagnostic.Message).Append('\n');
            }
        }

        return builder.ToString();
    }
}
