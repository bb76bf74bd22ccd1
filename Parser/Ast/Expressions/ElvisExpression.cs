using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary><c>value ?: fallback</c>: value when it is Groovy-true, else fallback.</summary>
public sealed record ElvisExpression(Expression Value, Expression Fallback, SourceSpan Span) : Expression(Span);
