using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

public sealed record BinaryExpression(Expression Left, BinaryOperator Operator, Expression Right, SourceSpan Span)
    : Expression(Span);
