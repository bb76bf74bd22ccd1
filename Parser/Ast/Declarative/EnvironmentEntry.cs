using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary><c>NAME = value</c>; the value is a string, GString, <c>credentials('id')</c> or another expression.</summary>
public sealed record EnvironmentEntry(string Name, Expression Value, SourceSpan Span) : Node(Span)
{
    public SourceSpan NameSpan { get; init; } = Span;
}
