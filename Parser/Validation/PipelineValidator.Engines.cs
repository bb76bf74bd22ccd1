using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Diagnostics;

namespace ContainerCd.Parser.Validation;

/// <summary>
/// Steps that act on the server's Docker engine, in a stage whose agent the config gives another engine (see
/// <see cref="ValidationOptions.ForeignEngines"/>): run refuses them there, lint warns with the same words (JP2014).
/// Only agents named by a literal label are known. The <c>docker</c> global's CLI operations in a <c>script</c> body on a
/// remote node that gives its agents no engine are found by <see cref="DockerCliFinder"/>.
/// </summary>
internal sealed partial class PipelineValidator
{
    /// <summary>The delivery steps: they deploy on the server's engine, behind its router.</summary>
    private static readonly HashSet<string> DeliverySteps = new(StringComparer.Ordinal) { "composeDeploy", "setTrafficWeights", "promote", "rollback", "composeDown" };

    /// <summary>The engine of the agent the steps being validated run on: null for the server's, or not known.</summary>
    private ForeignEngine? _engine;

    private ForeignEngine? EngineOf(AgentNode? agent)
    {
        if (agent is null || _options.ForeignEngines is not { } engines)
        {
            return null;
        }

        var container = agent.Type is "docker" or "dockerfile";
        var label = agent.Type switch
        {
            "label" => agent.Value ?? agent.GetOption("label"),
            "node" or "docker" or "dockerfile" => agent.GetOption("label"),
            _ => null,
        };
        return label is StringLiteral { Value: { Length: > 0 } text } ? engines(text, container) : null;
    }

    private void CheckEngine(StepNode step)
    {
        if (_engine is not { } engine)
        {
            return;
        }

        if (DeliverySteps.Contains(step.Name))
        {
            Report(DiagnosticCatalog.StepRefusedByAgentEngine(step.NameSpan, engine.Isolated
                ? DiagnosticCatalog.DeliveryOnIsolatedAgentMessage(step.Name, engine.Name)
                : DiagnosticCatalog.DeliveryOnRemoteNodeMessage(step.Name, engine.Name)));
        }
    }
}
