using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

public sealed record InstanceOfExpression(Expression Operand, TypeReference Type, bool Negated, SourceSpan Span)
    : Expression(Span);
