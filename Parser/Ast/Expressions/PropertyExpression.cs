using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>
/// <c>target.name</c>; <see cref="DynamicName"/> is set for <c>target."$x"</c> or
/// <c>target.(expr)</c>, with <see cref="Name"/> empty.
/// </summary>
public sealed record PropertyExpression(
    Expression Target,
    string Name,
    Expression? DynamicName,
    MemberAccessKind Access,
    SourceSpan Span) : Expression(Span);
