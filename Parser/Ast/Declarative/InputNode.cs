using System.Collections.Immutable;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary>
/// A stage's <c>input { message '...'; ok '...'; submitter '...'; parameters { ... } }</c>.
/// <see cref="Fields"/> holds every <c>name value</c> entry as written (message, id, ok, submitter,
/// submitterParameter, or unknown ones the validator reports).
/// </summary>
public sealed record InputNode(
    ImmutableArray<AgentOption> Fields,
    ParametersNode? Parameters,
    SourceSpan Span) : Node(Span)
{
    public Expression? GetField(string name)
    {
        foreach (var field in Fields)
        {
            if (field.Name == name)
            {
                return field.Value;
            }
        }

        return null;
    }
}
