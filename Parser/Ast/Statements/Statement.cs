using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

public abstract record Statement(SourceSpan Span) : Node(Span);
