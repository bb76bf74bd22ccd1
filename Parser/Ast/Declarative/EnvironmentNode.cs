using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary><c>environment { NAME = value ... }</c> in source order.</summary>
public sealed record EnvironmentNode(ImmutableArray<EnvironmentEntry> Entries, SourceSpan Span) : Node(Span);
