using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary><c>*list</c> inside an argument list or list literal.</summary>
public sealed record SpreadExpression(Expression Operand, SourceSpan Span) : Expression(Span);
