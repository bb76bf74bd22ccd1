using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary><c>exclude { axis { ... } ... }</c>: a cell is excluded when it matches every axis here.</summary>
public sealed record ExcludeNode(ImmutableArray<AxisNode> Axes, SourceSpan Span) : Node(Span);
