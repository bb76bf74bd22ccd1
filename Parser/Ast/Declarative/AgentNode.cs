using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary>
/// <c>agent any</c>, <c>agent none</c> or <c>agent { type ... }</c>. <see cref="Type"/> is "any",
/// "none", "label", "node", "docker", "dockerfile", "kubernetes" or any other name written;
/// <see cref="Value"/> is the argument of the short form (<c>docker 'maven:3'</c>, <c>label 'x'</c>,
/// <c>dockerfile true</c>); <see cref="Options"/> the entries of the block form (<c>docker { image 'x';
/// args '-v a:b' }</c>). Extra entries beside the type are kept in <see cref="Extra"/>.
/// </summary>
public sealed record AgentNode(
    string Type,
    Expression? Value,
    ImmutableArray<AgentOption> Options,
    ImmutableArray<AgentOption> Extra,
    SourceSpan Span) : Node(Span)
{
    public SourceSpan TypeSpan { get; init; } = Span;

    public Expression? GetOption(string name)
    {
        foreach (var option in Options)
        {
            if (option.Name == name)
            {
                return option.Value;
            }
        }

        return null;
    }
}
