using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary>
/// A step: any plugin's step parses as a generic invocation, <c>sh 'make'</c>,
/// <c>sh(script: 'x', returnStdout: true)</c>, <c>dir('a') { ... }</c>, <c>script { ... }</c>.
/// <see cref="Call"/> is the Groovy call it came from, which the runtime evaluates.
/// </summary>
public sealed record StepNode(string Name, ArgumentList Arguments, MethodCallExpression Call, SourceSpan Span) : Node(Span)
{
    public SourceSpan NameSpan { get; init; } = Span;

    /// <summary>
    /// The steps in the closure of a block step (<c>dir('x') { sh 'make' }</c>), as parsed for
    /// validation; empty for <c>script { }</c>, whose body is Groovy. The runtime evaluates <see cref="Call"/>.
    /// </summary>
    public ImmutableArray<StepNode> Children { get; init; } = [];

    /// <summary>The closure that ends the call (<c>dir('x') { ... }</c>, <c>script { ... }</c>), if any.</summary>
    public ClosureExpression? Body => Arguments.TrailingClosure;
}
