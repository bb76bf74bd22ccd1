using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>
/// <c>new Type(args)</c>; for arrays (<c>new String[2]</c>, <c>new int[] { 1 }</c>)
/// <see cref="ArrayDimensions"/> is non-empty and <see cref="ArrayElements"/> holds an initializer.
/// </summary>
public sealed record NewExpression(
    TypeReference Type,
    ArgumentList Arguments,
    ImmutableArray<Expression?> ArrayDimensions,
    ImmutableArray<Expression>? ArrayElements,
    SourceSpan Span) : Expression(Span);
