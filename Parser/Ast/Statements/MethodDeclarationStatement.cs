using ContainerCd.Parser.Ast.Script;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

/// <summary>A method declared inside a block (Groovy allows it only at script level; reported by the validator).</summary>
public sealed record MethodDeclarationStatement(MethodDeclaration Method, SourceSpan Span) : Statement(Span);
