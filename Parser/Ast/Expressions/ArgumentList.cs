using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>
/// The arguments of a call. Groovy gathers named arguments into one map passed first; positional
/// arguments keep their order, and a trailing closure is the last positional argument.
/// </summary>
public sealed record ArgumentList(
    ImmutableArray<Expression> Positional,
    ImmutableArray<NamedArgument> Named,
    bool HasParentheses,
    SourceSpan Span) : Node(Span)
{
    public static ArgumentList None(SourceSpan span) => new([], [], false, span);

    public bool IsEmpty => Positional.IsEmpty && Named.IsEmpty;

    public int Count => Positional.Length + Named.Length;

    /// <summary>The trailing closure, if the last positional argument is one.</summary>
    public ClosureExpression? TrailingClosure =>
        !Positional.IsEmpty && Positional[^1] is ClosureExpression c ? c : null;

    public NamedArgument? FindNamed(string name)
    {
        foreach (var argument in Named)
        {
            if (argument.Name == name)
            {
                return argument;
            }
        }

        return null;
    }
}
