using ContainerCd.Parser.Text;

namespace ContainerCd.Parser.Ast.Declarative;

/// <summary>
/// <c>pipeline { }</c>: the declarative model. Sections are null when absent; the validator reports
/// the required ones that are missing.
/// </summary>
public sealed record PipelineNode(
    AgentNode? Agent,
    StagesNode? Stages,
    EnvironmentNode? Environment,
    OptionsNode? Options,
    ParametersNode? Parameters,
    TriggersNode? Triggers,
    ToolsNode? Tools,
    PostNode? Post,
    LibrariesNode? Libraries,
    SourceSpan Span) : Node(Span);
