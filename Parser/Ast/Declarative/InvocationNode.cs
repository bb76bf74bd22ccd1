using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary>
/// A describable call inside a directive: an option (<c>timeout(time: 1, unit: 'HOURS')</c>), a trigger
/// (<c>cron('H * * * *')</c>), a parameter (<c>string(name: 'X')</c>), a tool (<c>maven 'm3'</c>) or a
/// step. <see cref="Arguments"/> includes a trailing closure as its last positional argument.
/// </summary>
public sealed record InvocationNode(string Name, ArgumentList Arguments, SourceSpan Span) : Node(Span)
{
    public SourceSpan NameSpan { get; init; } = Span;

    /// <summary>The closure that ends the call (<c>dir('x') { ... }</c>), if any.</summary>
    public ClosureExpression? Body => Arguments.TrailingClosure;
}
