using System.Collections.Immutable;
using ContainerCd.Parser.Validation;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Pipeline.Agents;
using ContainerCd.Runtime.Pipeline.Configuration;

namespace ContainerCd.Server.Cli;

/// <summary><c>containercd lint --config FILE</c>: what run knows from its config file, so that lint and run agree.</summary>
internal static class LintConfig
{
    /// <summary>
    /// The steps run skips as no-ops, the tool installs (unless <c>--tool</c> gave them), and which labels name agents
    /// of another Docker engine than this server's (isolated, remote). Null, with the error printed, for a bad file.
    /// </summary>
    public static ValidationOptions? Apply(ValidationOptions options, string path, TextWriter error)
    {
        RuntimeConfig config;
        try
        {
            config = ConfigLoader.Load(path);
        }
        catch (ConfigException e)
        {
            error.WriteLine("containercd lint: " + e.Message);
            return null;
        }

        return options with
        {
            NoopSteps = [.. config.NoopSteps],
            ToolInstallations = options.ToolInstallations ?? (config.Tools.IsEmpty ? null
                : config.Tools.GroupBy(t => t.Type).ToImmutableDictionary(g => g.Key, g => g.Select(t => t.Name).ToImmutableArray(), StringComparer.Ordinal)),
            ForeignEngines = (label, container) => ForeignEngineOf(config, label, container),
        };
    }

    /// <summary>What run makes of an agent's label (<see cref="AgentSpecs.Resolve"/>): an isolated engine's agent or a remote node, named; else null.</summary>
    private static ForeignEngine? ForeignEngineOf(RuntimeConfig config, string label, bool container)
    {
        AgentSpec requested = container
            ? new ContainerAgentSpec("lint", null, null, false, null, null, true, null, null) { Label = label }
            : new LabelAgentSpec { Label = label };
        AgentSpec resolved;
        try
        {
            resolved = AgentSpecs.Resolve(requested, config);
        }
        catch (GroovyException)
        {
            // No agent or node has the label: run fails saying so; lint knows nothing of its engine.
            return null;
        }

        return resolved switch
        {
            IsolatedEngineAgentSpec isolated => new ForeignEngine(isolated.Node?.Name ?? label, Isolated: true),
            RemoteNodeAgentSpec => RemoteNode(config.Engines.Where(e => LabelExpression.Matches(label, e.Labels.Add(e.Name))).ToList(), label),
            _ => null,
        };
    }

    /// <summary>The nodes a label may choose, as one: named when it is one; its agents' docker CLI reaches their engine when every such node names its socket.</summary>
    private static ForeignEngine RemoteNode(List<EngineDefinition> nodes, string label) =>
        new(nodes is [var only] ? only.Name : label, Isolated: false, DockerCli: nodes.Count > 0 && nodes.All(n => n.Socket is not null));
}
