using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

/// <summary><c>for (x in items)</c> or <c>for (String x : items)</c>.</summary>
public sealed record ForInStatement(
    string Variable,
    TypeReference? VariableType,
    Expression Iterable,
    Statement Body,
    SourceSpan Span) : Statement(Span);
