using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

public sealed record IfStatement(Expression Condition, Statement Then, Statement? Else, SourceSpan Span) : Statement(Span);
