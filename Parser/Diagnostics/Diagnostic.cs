using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Diagnostics;

/// <summary>A problem found in a Jenkinsfile: where, how bad, a stable code and Jenkins' wording.</summary>
public sealed record Diagnostic(SourceSpan Span, DiagnosticSeverity Severity, string Code, string Message)
{
    public bool IsError => Severity == DiagnosticSeverity.Error;
}
