using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

public sealed record EmptyStatement(SourceSpan Span) : Statement(Span);
