using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary><c>options { timeout(...); retry(3); ... }</c>.</summary>
public sealed record OptionsNode(ImmutableArray<InvocationNode> Options, SourceSpan Span) : Node(Span)
{
    /// <summary>True for a stage's (or matrix's) options, where only some options are allowed.</summary>
    public bool InStage { get; init; }
}
