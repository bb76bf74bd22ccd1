using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary><c>target[index]</c> or <c>target?[index]</c>; several indexes for <c>list[1, 3]</c>.</summary>
public sealed record IndexExpression(
    Expression Target,
    ImmutableArray<Expression> Indexes,
    bool Safe,
    SourceSpan Span) : Expression(Span);
