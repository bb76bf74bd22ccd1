using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Diagnostics;

/// <summary>
/// Every diagnostic the parser and validator report, with a stable code. Codes JP0xxx are Groovy
/// syntax, JP1xxx the declarative model (wording from Jenkins' Messages.properties), JP2xxx warnings.
/// </summary>
public static partial class DiagnosticCatalog
{
    public static Diagnostic SyntaxError(SourceSpan span, string message) => Error(span, "JP0001", message);

    public static Diagnostic LexicalError(SourceSpan span, string message) => Error(span, "JP0002", message);

    public static Diagnostic NestingTooDeep(SourceSpan span, string message) => Error(span, "JP0003", message);

    public static Diagnostic NotText(SourceSpan span) =>
        Error(span, "JP0004", "The file is not text: it contains NUL bytes or is not valid UTF-8");

    public static Diagnostic TooManyErrors(SourceSpan span, int count) =>
        Error(span, "JP0005", $"Too many syntax errors; stopped after {count}");

    public static Diagnostic Unsupported(SourceSpan span, string what) =>
        Error(span, "JP0006", $"{what} is not supported");

    /// <summary>A bug in ContainerCd, reported as a diagnostic so that the other files are still checked.</summary>
    public static Diagnostic InternalError(SourceSpan span, string what) =>
        Error(span, "JP0099", $"Internal error while checking this file (please report it): {what}");

    private static Diagnostic Error(SourceSpan span, string code, string message) =>
        new(span, DiagnosticSeverity.Error, code, message);

    private static Diagnostic Warning(SourceSpan span, string code, string message) =>
        new(span, DiagnosticSeverity.Warning, code, message);
}
