using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary><c>stages { stage(...) {...} ... }</c>, sequential.</summary>
public sealed record StagesNode(ImmutableArray<StageNode> Stages, SourceSpan Span) : Node(Span);
