using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

public sealed record ReturnStatement(Expression? Value, SourceSpan Span) : Statement(Span);
