namespace ContainerCd.Parser.Diagnostics;

public enum DiagnosticSeverity
{
    Warning,
    Error,
}
