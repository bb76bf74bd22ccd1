using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Ast.Statements;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Script;

/// <summary><c>def name(params) { body }</c>; <see cref="ReturnType"/> is null for <c>def</c>, "void" for void.</summary>
public sealed record MethodDeclaration(
    string Name,
    ImmutableArray<Parameter> Parameters,
    TypeReference? ReturnType,
    ImmutableArray<AnnotationNode> Annotations,
    bool IsStatic,
    BlockStatement Body,
    SourceSpan Span) : Node(Span);
