using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>A string without interpolation; <see cref="Value"/> has its escapes resolved.</summary>
public sealed record StringLiteral(string Value, StringQuote Quote, SourceSpan Span) : Expression(Span);
