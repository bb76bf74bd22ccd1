using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Validation.Metadata;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Pipeline.Agents;

/// <summary>
/// The one place where agent specs are made: <see cref="FromDirectiveAsync"/> reads the Jenkinsfile's agent directive
/// (its options evaluated) into a spec, and <see cref="Resolve"/> places a label through the config's <c>agents:</c>
/// (the built-in node, a host agent or an image) or <c>engines:</c> (a remote node) when the agent is allocated. A new kind of agent adds its case here
/// and a provider that starts it.
/// </summary>
public static class AgentSpecs
{
    /// <summary>
    /// <c>agent any</c>, <c>agent { label 'x' }</c>, <c>agent { node { ... } }</c>, <c>agent { docker ... }</c>,
    /// <c>agent { dockerfile ... }</c>; fails with lint's words for the types ContainerCd cannot run (kubernetes).
    /// </summary>
    public static async ValueTask<AgentSpec> FromDirectiveAsync(AgentNode agent, Func<Expression, ValueTask<object?>> evaluate)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(evaluate);

        async ValueTask<object?> Value(Expression? expression) => expression is null ? null : await evaluate(expression).ConfigureAwait(false);
        async ValueTask<string?> Text(Expression? expression) => await Value(expression).ConfigureAwait(false) is { } value ? GroovyFormat.ToDisplayString(value) : null;
        ValueTask<string?> Option(string name) => Text(agent.GetOption(name));

        var custom = await Option("customWorkspace").ConfigureAwait(false);
        switch (agent.Type)
        {
            case "any":
                return new LabelAgentSpec();
            case "label":
                return new LabelAgentSpec { Label = await Text(agent.Value).ConfigureAwait(false) ?? await Option("label").ConfigureAwait(false), CustomWorkspace = custom };
            case "node":
                return new LabelAgentSpec { Label = await Option("label").ConfigureAwait(false), CustomWorkspace = custom };
            case "docker":
                var image = agent.Value is not null ? await Text(agent.Value).ConfigureAwait(false) : await Option("image").ConfigureAwait(false);
                var alwaysPull = GroovyTruth.IsTrue(await Value(agent.GetOption("alwaysPull")).ConfigureAwait(false));
                return new ContainerAgentSpec(image, null, await Option("args").ConfigureAwait(false), alwaysPull, await Option("registryUrl").ConfigureAwait(false),
                    await Option("registryCredentialsId").ConfigureAwait(false), PassThroughDockerEngine: true, null, null)
                {
                    Label = await Option("label").ConfigureAwait(false),
                    CustomWorkspace = custom,
                };
            case "dockerfile":
                var isTrue = agent.Value is not null && GroovyTruth.IsTrue(await Value(agent.Value).ConfigureAwait(false));
                var dockerfile = new DockerfileSpec(
                    (isTrue ? null : await Option("filename").ConfigureAwait(false)) ?? "Dockerfile",
                    (isTrue ? null : await Option("dir").ConfigureAwait(false)) ?? ".",
                    isTrue ? null : await Option("additionalBuildArgs").ConfigureAwait(false));
                return new ContainerAgentSpec(null, dockerfile, await Option("args").ConfigureAwait(false), false, await Option("registryUrl").ConfigureAwait(false),
                    await Option("registryCredentialsId").ConfigureAwait(false), PassThroughDockerEngine: true, null, null)
                {
                    Label = await Option("label").ConfigureAwait(false),
                    CustomWorkspace = custom,
                };
            case var type when AgentCatalog.Unsupported.Contains(type):
                throw StepErrors.Abort(DiagnosticCatalog.UnsupportedAgentTypeMessage(type));
            default:
                throw StepErrors.Abort($"The agent type '{agent.Type}' is not supported: use any, none, label, node, docker or dockerfile");
        }
    }

    /// <summary>The <c>node('label')</c> step's agent: any node with that label.</summary>
    public static AgentSpec ForLabel(string? label) => new LabelAgentSpec { Label = label };

    /// <summary>
    /// Places a spec through the config, when its agent is allocated: a label names the built-in node
    /// (<c>built-in</c>, <c>master</c>, none) or the first of the config's <c>agents:</c> it matches (by label
    /// expression, over its labels and name), which runs on this host, in its image, or in its image with an engine of
    /// the build's own (<c>docker: isolated</c>). Other specs stay as they are.
    /// </summary>
    public static AgentSpec Resolve(AgentSpec spec, RuntimeConfig config)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(config);
        if (spec is ContainerAgentSpec { Label: { Length: > 0 } dockerLabel } container && FindEngine(config, dockerLabel))
        {
            return new RemoteNodeAgentSpec(container) { Label = dockerLabel, CustomWorkspace = spec.CustomWorkspace };
        }

        if (spec is not LabelAgentSpec)
        {
            return spec;
        }

        if (spec.Label is not { Length: > 0 } label || label is "built-in" or "master")
        {
            return new HostAgentSpec { Label = spec.Label, CustomWorkspace = spec.CustomWorkspace };
        }

        var definition = FindAgent(config, label);
        if (definition is null && FindEngine(config, label))
        {
            return new RemoteNodeAgentSpec(null) { Label = label, CustomWorkspace = spec.CustomWorkspace };
        }

        definition = definition ?? throw StepErrors.Abort($"There are no nodes with the label ‘{label}’: declare an agent with this label in the config file (agents: or engines:)");
        if (definition.Image is not { Length: > 0 } image)
        {
            return new HostAgentSpec { Label = label, Node = definition, CustomWorkspace = spec.CustomWorkspace };
        }

        var inImage = new ContainerAgentSpec(image, null, definition.Args, false, null, null, definition.PassThroughDocker && !definition.IsolatedEngine, definition.MemoryLimitBytes, definition.Cpus)
        {
            Label = label,
            Node = definition,
            CustomWorkspace = spec.CustomWorkspace,
        };
        return definition.IsolatedEngine
            ? new IsolatedEngineAgentSpec(inImage, definition.EngineCache) { Label = label, Node = definition, CustomWorkspace = spec.CustomWorkspace }
            : inImage;
    }

    /// <summary>Whether a remote engine (<c>engines:</c>) has the label or name: its agents are <see cref="RemoteNodeAgentSpec"/>s.</summary>
    private static bool FindEngine(RuntimeConfig config, string label) =>
        config.Engines.Any(engine => LabelExpression.Matches(label, engine.Labels.Add(engine.Name)));

    private static AgentDefinition? FindAgent(RuntimeConfig config, string label)
    {
        foreach (var agent in config.Agents)
        {
            var labels = agent.Labels.Add(agent.Name);
            if (LabelExpression.Matches(label, labels))
            {
                return agent;
            }
        }

        return null;
    }
}
