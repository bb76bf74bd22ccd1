using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary>
/// A when condition: <c>branch 'main'</c>, <c>environment name: 'X', value: 'y'</c>,
/// <c>expression { ... }</c> (<see cref="Expression"/>), or a nesting one, <c>not</c>, <c>allOf</c>,
/// <c>anyOf</c>, with <see cref="Children"/>.
/// </summary>
public sealed record WhenConditionNode(
    string Name,
    ArgumentList Arguments,
    ImmutableArray<WhenConditionNode> Children,
    ClosureExpression? Expression,
    SourceSpan Span) : Node(Span)
{
    public SourceSpan NameSpan { get; init; } = Span;

    /// <summary>True when the condition was written with a block of child conditions (<c>allOf { ... }</c>).</summary>
    public bool HasBlock { get; init; }
}
