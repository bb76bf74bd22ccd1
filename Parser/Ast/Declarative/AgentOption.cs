using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary>One <c>name value</c> entry inside an agent block, e.g. <c>args '-v /tmp:/tmp'</c>.</summary>
public sealed record AgentOption(string Name, Expression? Value, SourceSpan Span) : Node(Span)
{
    public SourceSpan NameSpan { get; init; } = Span;
}
