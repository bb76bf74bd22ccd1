using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

public abstract record Expression(SourceSpan Span) : Node(Span);
