using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Statements;

namespace ContainerCd.Parser.Declarative;

/// <summary>
/// A call on the script that ends with a closure, <c>name(args) { body }</c>: how every
/// declarative section, stage and block step is written (Jenkins' BlockStatementMatch).
/// </summary>
internal sealed record BlockCall(MethodCallExpression Call, ImmutableArray<Expression> Arguments, ClosureExpression Body)
{
    public string Name => Call.Name;

    public ImmutableArray<Statement> Statements => Body.Body.Statements;

    /// <summary>The call's statement when it is a plain method call, e.g. <c>sh 'x'</c> or <c>stages { }</c>.</summary>
    public static MethodCallExpression? AsCall(Statement statement) =>
        statement is ExpressionStatement { Expression: MethodCallExpression call } ? call : null;

    /// <summary>True for a call on the script itself (<c>echo 'x'</c>, <c>this.echo 'x'</c>), where steps live.</summary>
    public static bool IsOnScript(MethodCallExpression call) =>
        call.DynamicName is null && (call.Target is null || call.Target is VariableExpression { Name: "this" });

    public static BlockCall? Match(Statement statement) => AsCall(statement) is { } call ? Match(call) : null;

    public static BlockCall? Match(MethodCallExpression call)
    {
        if (!IsOnScript(call) || call.Arguments.TrailingClosure is not { } body)
        {
            return null;
        }

        return new BlockCall(call, call.Arguments.Positional.RemoveAt(call.Arguments.Positional.Length - 1), body);
    }

    /// <summary>The arguments without the trailing closure.</summary>
    public ArgumentList ArgumentsWithoutBody => Call.Arguments with { Positional = Arguments };
}
