using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>
/// <c>target = value</c>; for compound forms (<c>+=</c>, <c>?=</c>...) <see cref="Operator"/> is the
/// binary operation applied first, and <see cref="IsElvis"/> marks <c>?=</c>.
/// </summary>
public sealed record AssignmentExpression(
    Expression Target,
    BinaryOperator? Operator,
    bool IsElvis,
    Expression Value,
    SourceSpan Span) : Expression(Span);
