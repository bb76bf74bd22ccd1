using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>A primitive type used as a value (<c>int</c>, <c>int.class</c>).</summary>
public sealed record ClassExpression(TypeReference Type, SourceSpan Span) : Expression(Span);
