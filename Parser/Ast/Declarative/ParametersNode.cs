using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary><c>parameters { string(name: 'X', defaultValue: 'y') ... }</c>.</summary>
public sealed record ParametersNode(ImmutableArray<InvocationNode> Parameters, SourceSpan Span) : Node(Span);
