using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>Stands where the source had no valid expression; a diagnostic says why.</summary>
public sealed record ErrorExpression(SourceSpan Span) : Expression(Span);
