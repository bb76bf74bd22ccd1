using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Script;

/// <summary>
/// A whole Jenkinsfile as Groovy: imports (with their annotations, such as <c>@Library</c>),
/// annotations on <c>_</c>, script-level methods and classes, and the statements in order
/// (<c>pipeline { }</c> is one of them).
/// </summary>
public sealed record ScriptNode(
    ImmutableArray<ImportNode> Imports,
    ImmutableArray<AnnotationNode> Annotations,
    ImmutableArray<MethodDeclaration> Methods,
    ImmutableArray<ClassDeclaration> Classes,
    ImmutableArray<Statement> Statements,
    SourceSpan Span) : Node(Span);
