using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast;

/// <summary>Base of every AST node: immutable, with the span of source it came from.</summary>
public abstract record Node(SourceSpan Span);
