using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Script;

/// <summary><c>@Library('lib@1.0')</c>, <c>@NonCPS</c>, <c>@Field</c>.</summary>
public sealed record AnnotationNode(string Name, ArgumentList Arguments, SourceSpan Span) : Node(Span)
{
    public string SimpleName => Name[(Name.LastIndexOf('.') + 1)..];
}
