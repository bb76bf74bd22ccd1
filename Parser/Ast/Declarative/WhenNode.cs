using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary>
/// <c>when { ... }</c>: the conditions (all must hold) and when to evaluate them relative to the
/// stage's options, input and agent.
/// </summary>
public sealed record WhenNode(
    ImmutableArray<WhenConditionNode> Conditions,
    bool BeforeAgent,
    bool BeforeInput,
    bool BeforeOptions,
    SourceSpan Span) : Node(Span);
