using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>A type as written: <c>String</c>, <c>java.util.List&lt;String&gt;</c>, <c>int[]</c>.</summary>
public sealed record TypeReference(
    string Name,
    ImmutableArray<TypeReference> TypeArguments,
    int ArrayRank,
    SourceSpan Span) : Node(Span)
{
    /// <summary>The name without its package: <c>List</c> for <c>java.util.List</c>.</summary>
    public string SimpleName => Name[(Name.LastIndexOf('.') + 1)..];
}
