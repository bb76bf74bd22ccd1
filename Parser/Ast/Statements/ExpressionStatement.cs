using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

public sealed record ExpressionStatement(Expression Expression, SourceSpan Span) : Statement(Span);
