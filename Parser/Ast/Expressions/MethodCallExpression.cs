using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>
/// <c>name(args)</c>, <c>target.name(args)</c>, <c>name args</c> (a command expression) or
/// <c>name { closure }</c>. <see cref="Target"/> is null for a call on the script itself, which is
/// where pipeline steps live. <see cref="DynamicName"/> is set for <c>target."$x"()</c>.
/// </summary>
public sealed record MethodCallExpression(
    Expression? Target,
    string Name,
    Expression? DynamicName,
    ArgumentList Arguments,
    MemberAccessKind Access,
    bool IsCommand,
    SourceSpan Span) : Expression(Span)
{
    public SourceSpan NameSpan { get; init; } = Span;
}
