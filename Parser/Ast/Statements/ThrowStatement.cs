using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

public sealed record ThrowStatement(Expression Value, SourceSpan Span) : Statement(Span);
