using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

public sealed record UnaryExpression(UnaryOperator Operator, Expression Operand, SourceSpan Span) : Expression(Span);
