using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary><c>tools { maven 'apache-maven-3.0.1' ... }</c>: each invocation's name is the tool type.</summary>
public sealed record ToolsNode(ImmutableArray<InvocationNode> Tools, SourceSpan Span) : Node(Span);
