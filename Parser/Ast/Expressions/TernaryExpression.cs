using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

public sealed record TernaryExpression(Expression Condition, Expression WhenTrue, Expression WhenFalse, SourceSpan Span)
    : Expression(Span);
