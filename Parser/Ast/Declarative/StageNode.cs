using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary>
/// <c>stage('name') { ... }</c>. A valid stage has exactly one of <see cref="Steps"/>,
/// <see cref="Stages"/>, <see cref="Parallel"/> and <see cref="Matrix"/>; the builder keeps whatever was
/// written and the validator reports the rest. <see cref="NameExpression"/> is the name as written
/// (a GString in some files); <see cref="Name"/> its text.
/// </summary>
public sealed record StageNode(
    string Name,
    Expression NameExpression,
    StageDirectives Directives,
    StepsNode? Steps,
    StagesNode? Stages,
    ParallelNode? Parallel,
    MatrixNode? Matrix,
    Expression? FailFast,
    SourceSpan Span) : Node(Span)
{
    public SourceSpan NameSpan { get; init; } = Span;

    /// <summary>True when <c>failFast true</c> was written.</summary>
    public bool IsFailFast => FailFast is ConstantExpression { Value: true };
}
