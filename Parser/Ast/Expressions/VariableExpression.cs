using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>A bare name: a variable, a property of the script (env, params), or <c>this</c>/<c>super</c>.</summary>
public sealed record VariableExpression(string Name, SourceSpan Span) : Expression(Span);
