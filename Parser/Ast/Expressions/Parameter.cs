using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Expressions;

/// <summary>A closure or method parameter: <c>name</c>, <c>String name</c>, <c>name = default</c>, <c>String... rest</c>.</summary>
public sealed record Parameter(
    string Name,
    TypeReference? Type,
    Expression? DefaultValue,
    bool IsVarArgs,
    SourceSpan Span) : Node(Span);
