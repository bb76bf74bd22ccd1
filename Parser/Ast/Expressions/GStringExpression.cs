using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>
/// An interpolated string: <see cref="Strings"/> has one more element than <see cref="Values"/>,
/// and the text is Strings[0] + Values[0] + Strings[1] + ... as in Groovy's GString.
/// </summary>
public sealed record GStringExpression(
    ImmutableArray<string> Strings,
    ImmutableArray<Expression> Values,
    StringQuote Quote,
    SourceSpan Span) : Expression(Span);
