using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Script;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Statements;

/// <summary>
/// <c>def a = 1, b</c>, <c>String s = 'x'</c>, <c>final x = 1</c>. A multiple assignment
/// <c>def (a, b) = [1, 2]</c> has one declarator per name and the list in <see cref="MultipleInitializer"/>.
/// </summary>
public sealed record DeclarationStatement(
    TypeReference? Type,
    ImmutableArray<VariableDeclarator> Declarators,
    ImmutableArray<AnnotationNode> Annotations,
    Expression? MultipleInitializer,
    SourceSpan Span) : Statement(Span);
