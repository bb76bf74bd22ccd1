using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Declarative;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Validation.Metadata;

namespace ContainerCd.Parser.Validation;

internal sealed partial class PipelineValidator
{
    private void ValidateAgent(AgentNode agent)
    {
        var valid = DeclarativeVocabulary.JavaList(AgentCatalog.Names);
        if (agent.Type.Length == 0)
        {
            Report(DiagnosticCatalog.NoAgentType(agent.Span, valid));
            return;
        }

        if (!AgentCatalog.Types.TryGetValue(agent.Type, out var fields))
        {
            Report(DiagnosticCatalog.InvalidAgentType(agent.TypeSpan, agent.Type, valid));
            return;
        }

        if (AgentCatalog.Unsupported.Contains(agent.Type))
        {
            Report(DiagnosticCatalog.UnsupportedAgentType(agent.TypeSpan, agent.Type));
        }

        if (fields is { } known && agent.Value is null)
        {
            foreach (var option in agent.Options)
            {
                if (!known.Contains(option.Name))
                {
                    Report(DiagnosticCatalog.InvalidAgentParameter(option.NameSpan, option.Name, agent.Type, DeclarativeVocabulary.JavaList(known)));
                }
            }

            if (AgentCatalog.Required.TryGetValue(agent.Type, out var required) && agent.GetOption(required) is null)
            {
                Report(DiagnosticCatalog.MissingAgentParameter(agent.TypeSpan, agent.Type, required));
            }
        }
    }
}
