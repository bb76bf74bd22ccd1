using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

public sealed record VariableDeclarator(string Name, Expression? Initializer, SourceSpan Span) : Node(Span);
