using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary><c>triggers { cron('H * * * *') ... }</c>.</summary>
public sealed record TriggersNode(ImmutableArray<InvocationNode> Triggers, SourceSpan Span) : Node(Span);
