using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>A call of something that is not a name: <c>list[0]()</c>, <c>(closure)(1)</c>, <c>closure.call()</c> aside.</summary>
public sealed record CallExpression(Expression Callee, ArgumentList Arguments, SourceSpan Span) : Expression(Span);
