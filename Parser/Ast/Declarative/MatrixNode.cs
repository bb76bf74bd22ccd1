using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary>
/// <c>matrix { axes { ... } excludes { ... } stages { ... } }</c> plus the per-cell directives
/// (agent, when, environment, options, input, tools, post).
/// </summary>
public sealed record MatrixNode(
    ImmutableArray<AxisNode>? Axes,
    ImmutableArray<ExcludeNode>? Excludes,
    StageDirectives Directives,
    StagesNode? Stages,
    SourceSpan Span) : Node(Span);
