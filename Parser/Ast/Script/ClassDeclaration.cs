using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Script;

/// <summary>A class, interface or enum declared in the script: parsed so that linting goes on; the runtime rejects it.</summary>
public sealed record ClassDeclaration(
    string Kind,
    string Name,
    ImmutableArray<DeclarationStatement> Fields,
    ImmutableArray<MethodDeclaration> Methods,
    SourceSpan Span) : Node(Span);
