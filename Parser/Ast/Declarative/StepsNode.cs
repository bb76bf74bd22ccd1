using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary><c>steps { ... }</c> or a post condition's block: step calls in order.</summary>
public sealed record StepsNode(ImmutableArray<StepNode> Steps, SourceSpan Span) : Node(Span);
