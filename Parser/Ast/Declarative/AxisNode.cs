using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary>
/// <c>axis { name 'OS'; values 'linux', 'mac' }</c>. In an exclude, <see cref="IsNotValues"/> marks
/// <c>notValues</c>. Name and values are expressions as written: the validator requires string literals.
/// </summary>
public sealed record AxisNode(
    Expression? Name,
    ImmutableArray<Expression>? Values,
    ImmutableArray<Expression>? NotValues,
    SourceSpan Span) : Node(Span)
{
    public bool IsNotValues => NotValues is not null && Values is null;

    /// <summary>The name when it is a string literal.</summary>
    public string? NameText => (Name as StringLiteral)?.Value;
}
