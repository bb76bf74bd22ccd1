using ContainerCd.Parser.Ast.Script;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

public sealed record ClassDeclarationStatement(ClassDeclaration Class, SourceSpan Span) : Statement(Span);
