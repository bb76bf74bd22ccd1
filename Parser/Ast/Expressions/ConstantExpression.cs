using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>
/// A number, boolean or null literal. Numbers keep Groovy's types: int, long, BigInteger for
/// integers; decimal (Groovy's BigDecimal) for 1.5; double or float with a d/f suffix.
/// </summary>
public sealed record ConstantExpression(object? Value, SourceSpan Span) : Expression(Span);
