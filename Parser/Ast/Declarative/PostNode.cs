using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary><c>post { always { ... } failure { ... } }</c> in source order; the runtime orders them as Jenkins does.</summary>
public sealed record PostNode(ImmutableArray<PostConditionNode> Conditions, SourceSpan Span) : Node(Span);
