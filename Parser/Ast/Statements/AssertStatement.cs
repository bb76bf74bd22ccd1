using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

public sealed record AssertStatement(Expression Condition, Expression? Message, SourceSpan Span) : Statement(Span);
