using System.Collections.Immutable;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Script;

/// <summary><c>import a.b.C</c>, <c>import static a.B.c</c>, <c>import a.b.*</c>, <c>import a.B as C</c>.</summary>
public sealed record ImportNode(
    string Name,
    bool IsStatic,
    bool IsWildcard,
    string? Alias,
    ImmutableArray<AnnotationNode> Annotations,
    SourceSpan Span) : Node(Span);
