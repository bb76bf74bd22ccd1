using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Script;

/// <summary>
/// A class, interface or enum declared in a script or a shared library's <c>src/</c>. The runtime creates
/// instances of classes (fields, constructors, methods); interfaces and enums are parsed for linting only.
/// </summary>
public sealed record ClassDeclaration(
    string Kind,
    string Name,
    ImmutableArray<DeclarationStatement> Fields,
    ImmutableArray<MethodDeclaration> Methods,
    SourceSpan Span) : Node(Span)
{
    /// <summary>The constructors, as methods named after the class with no return type.</summary>
    public ImmutableArray<MethodDeclaration> Constructors { get; init; } = [];

    /// <summary>The class after <c>extends</c>, if any (interfaces after <c>implements</c> are not kept).</summary>
    public TypeReference? SuperClass { get; init; }
}
