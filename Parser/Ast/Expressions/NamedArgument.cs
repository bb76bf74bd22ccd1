using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>
/// <c>name: value</c> in an argument list or map. <see cref="Key"/> is a <see cref="StringLiteral"/>
/// for plain keys, any expression for <c>(expr): value</c>, and null for a spread <c>*:map</c>.
/// </summary>
public sealed record NamedArgument(Expression? Key, Expression Value, SourceSpan Span) : Node(Span)
{
    /// <summary>The key as text when it is a literal (<c>script: ...</c>, <c>'script': ...</c>, <c>1: ...</c>).</summary>
    public string? Name => Key switch
    {
        StringLiteral s => s.Value,
        ConstantExpression { Value: not null } c => Convert.ToString(c.Value, System.Globalization.CultureInfo.InvariantCulture),
        _ => null,
    };
}
