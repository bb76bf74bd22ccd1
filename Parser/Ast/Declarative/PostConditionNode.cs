using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary>One build condition and its steps, e.g. <c>failure { mail ... }</c>.</summary>
public sealed record PostConditionNode(string Condition, StepsNode Steps, SourceSpan Span) : Node(Span)
{
    public SourceSpan NameSpan { get; init; } = Span;
}
