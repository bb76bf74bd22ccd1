using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary><c>parallel { stage(...) {...} ... }</c>: branches run concurrently.</summary>
public sealed record ParallelNode(ImmutableArray<StageNode> Stages, SourceSpan Span) : Node(Span);
