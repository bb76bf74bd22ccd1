using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

/// <summary><c>break</c> or <c>continue</c> (<see cref="IsContinue"/>), with an optional label.</summary>
public sealed record BreakStatement(bool IsContinue, string? Label, SourceSpan Span) : Statement(Span);
