using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary><c>steps { ... }</c> or a post condition's block: step calls in order.</summary>
public sealed record StepsNode(ImmutableArray<StepNode> Steps, SourceSpan Span) : Node(Span)
{
    /// <summary>
    /// True when the only step is the old form of parallel, <c>parallel a: { }, b: { }</c>, which
    /// Jenkins treats as the stage's parallel branches.
    /// </summary>
    public bool IsParallel { get; init; }
}
