using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary><c>from..to</c> or <c>from..&lt;to</c>.</summary>
public sealed record RangeExpression(Expression From, Expression To, bool Exclusive, SourceSpan Span) : Expression(Span);
