using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary><c>target.&amp;name</c> or <c>Type::name</c>.</summary>
public sealed record MethodPointerExpression(Expression Target, string Name, SourceSpan Span) : Expression(Span);
