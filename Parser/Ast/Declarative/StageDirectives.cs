using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary>The directives a stage and a matrix share.</summary>
public sealed record StageDirectives(
    AgentNode? Agent,
    WhenNode? When,
    EnvironmentNode? Environment,
    OptionsNode? Options,
    InputNode? Input,
    ToolsNode? Tools,
    PostNode? Post,
    SourceSpan Span) : Node(Span)
{
    public static StageDirectives None(SourceSpan span) => new(null, null, null, null, null, null, null, span);
}
