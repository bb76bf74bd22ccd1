using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary><c>(Type) operand</c>, or <c>operand as Type</c> when <see cref="IsAsOperator"/>.</summary>
public sealed record CastExpression(TypeReference Type, Expression Operand, bool IsAsOperator, SourceSpan Span)
    : Expression(Span);
