using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Parser.Validation.Metadata;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Pipeline.Agents;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Pipeline.Declarative;

internal sealed partial class DeclarativeRunner
{
    /// <summary>
    /// Runs the body on the agent the directive asks for (none, any, label, node, docker, dockerfile); no
    /// directive keeps the current node. A stage's docker or dockerfile agent with <c>reuseNode true</c> (or
    /// <paramref name="reuseNode"/>, for newContainerPerStage) runs its container on the node the build
    /// holds, in the same workspace, without a new checkout, as Jenkins does when a node is already there.
    /// </summary>
    private async ValueTask InAgentAsync(FlowContext flow, AgentNode? agent, bool topLevel, Func<FlowContext, ValueTask> body, bool skipCheckout = false, bool reuseNode = false)
    {
        if (agent is null || agent.Type == "none")
        {
            await body(agent is { Type: "none" } && topLevel ? flow with { Node = null } : flow).ConfigureAwait(false);
            return;
        }

        var spec = await AgentSpecs.FromDirectiveAsync(agent, e => EvaluateAsync(e, flow)).ConfigureAwait(false);
        var reuse = reuseNode || GroovyTruth.IsTrue(agent.GetOption("reuseNode") is { } r ? await EvaluateAsync(r, flow).ConfigureAwait(false) : null);
        if (!topLevel && reuse && flow.Node is { } current && spec is ContainerAgentSpec container)
        {
            await InContainerOnNodeAsync(flow, current, container, body).ConfigureAwait(false);
            return;
        }

        if (topLevel && spec is ContainerAgentSpec && ContainerPerStage)
        {
            // newContainerPerStage: the top level only holds a node (and its workspace); each stage gets a container on it.
            spec = new LabelAgentSpec { CustomWorkspace = spec.CustomWorkspace };
        }

        var events = StepEvents.Open(_build, flow, "node").Start(spec.Label);
        var inner = events.Flow;
        try
        {
            await using var allocation = await AgentAllocator.AllocateAsync(_build, inner, spec).ConfigureAwait(false);
            _build.Log(inner, $"Running on {allocation.Node.NodeName} in {allocation.Node.Workspace}");
            _build.PipelineLine(inner, "{");
            try
            {
                var nodeFlow = inner with { Node = allocation.Node, Directory = null };
                nodeFlow = skipCheckout ? nodeFlow : await DefaultCheckoutAsync(nodeFlow, topLevel).ConfigureAwait(false);
                await body(nodeFlow).ConfigureAwait(false);
            }
            finally
            {
                _build.PipelineLine(inner, "}");
            }

            events.Succeeded();
        }
        catch (GroovyException e)
        {
            events.Failed(e.Value);
            throw;
        }
        finally
        {
            _build.PipelineLine(flow, "// node");
        }
    }

    /// <summary>options { newContainerPerStage() } with a top-level docker or dockerfile agent.</summary>
    private bool ContainerPerStage => _options.Contains("newContainerPerStage") && _pipeline.Agent is { Type: "docker" or "dockerfile" };

    /// <summary>
    /// A container on the node the flow already holds, logged as the Docker Pipeline's <c>withDockerContainer</c>
    /// step: the body's steps run in it, with the node's workspace; the container is removed when the body ends.
    /// </summary>
    private async ValueTask InContainerOnNodeAsync(FlowContext flow, NodeContext node, ContainerAgentSpec docker, Func<FlowContext, ValueTask> body)
    {
        var events = StepEvents.Open(_build, flow, "withDockerContainer").Start(docker.Image);
        var inner = events.Flow;
        try
        {
            await using (var allocation = await AgentAllocator.StartOnNodeAsync(_build, inner, node, docker).ConfigureAwait(false))
            {
                _build.PipelineLine(inner, "{");
                try
                {
                    await body(inner with { Node = allocation.Node }).ConfigureAwait(false);
                }
                finally
                {
                    _build.PipelineLine(inner, "}");
                }
            }

            events.Succeeded();
        }
        catch (GroovyException e)
        {
            events.Failed(e.Value);
            throw;
        }
        finally
        {
            _build.PipelineLine(flow, "// withDockerContainer");
        }
    }

    /// <summary>
    /// Declarative's automatic <c>checkout scm</c> on a newly allocated agent (unless skipDefaultCheckout), into
    /// checkoutToSubdirectory when set; at top level inside the "Declarative: Checkout SCM" stage. The git
    /// variables it returns are added for the body, as Jenkins does with withEnv.
    /// </summary>
    private async ValueTask<FlowContext> DefaultCheckoutAsync(FlowContext flow, bool topLevel)
    {
        if (!Scm.ScmCheckout.HasSource(_build) || _options.Contains("skipDefaultCheckout") || flow.Node is null)
        {
            return flow;
        }

        var target = flow.Node.Workspace;
        if (_pipeline.Options?.Options.FirstOrDefault(o => o.Name == "checkoutToSubdirectory") is { } subdirectory && subdirectory.Arguments.Positional.Length > 0)
        {
            target = Path.Combine(target, await EvaluateStringAsync(subdirectory.Arguments.Positional[0], flow).ConfigureAwait(false) ?? string.Empty);
        }

        // Not a step of the script: around it the node's workspace is kept level by hand, as the dispatcher does for a step.
        await WorkspaceSync.LevelAsync(_build, flow).ConfigureAwait(false);
        Groovy.Values.GroovyMap variables;
        try
        {
            variables = await CheckoutAsync(flow, topLevel, target).ConfigureAwait(false);
        }
        finally
        {
            WorkspaceSync.ChangedHere(flow);
        }

        var environment = variables.ToDictionary(e => GroovyFormat.ToDisplayString(e.Key), e => GroovyFormat.ToDisplayString(e.Value), StringComparer.Ordinal);
        if (environment.Count == 0)
        {
            return flow;
        }

        _build.PipelineLine(flow, "withEnv");
        return flow.WithEnvironment(environment);
    }

    /// <summary>The checkout itself, at top level in its synthetic stage.</summary>
    private async ValueTask<Groovy.Values.GroovyMap> CheckoutAsync(FlowContext flow, bool topLevel, string target)
    {
        if (topLevel)
        {
            var stage = _build.StartStage(flow.Stage, "Declarative: Checkout SCM", StageKind.Synthetic);
            var stageFlow = flow with { Stage = stage };
            _build.PipelineLine(flow, "stage");
            _build.PipelineLine(stageFlow, "{ (Declarative: Checkout SCM)");
            try
            {
                _build.PipelineLine(stageFlow, "checkout");
                return await Scm.ScmCheckout.RunAsync(_build, stageFlow, target).ConfigureAwait(false);
            }
            finally
            {
                _build.PipelineLine(stageFlow, "}");
                _build.PipelineLine(flow, "// stage");
                _build.FinishStage(stage);
            }
        }

        _build.PipelineLine(flow, "checkout");
        return await Scm.ScmCheckout.RunAsync(_build, flow, target).ConfigureAwait(false);
    }

    /// <summary>
    /// environment {}: each variable evaluated after the ones of the block it refers to (Jenkins resolves them on
    /// demand), otherwise in order; a variable referring to its own name sees the value from outside the block.
    /// credentials('id') binds the credential (VAR, and VAR_USR/VAR_PSW for a username and password) and masks
    /// it. The body runs inside withCredentials (when there are credentials) and withEnv.
    /// </summary>
    private async ValueTask WithEnvironmentAsync(FlowContext flow, EnvironmentNode? environment, Func<FlowContext, ValueTask> body)
    {
        if (environment is null || environment.Entries.IsEmpty)
        {
            await body(flow).ConfigureAwait(false);
            return;
        }

        using var binder = new CredentialBinder(_build);
        var entries = environment.Entries;
        var names = entries.Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);

        async ValueTask EvaluateEntryAsync(EnvironmentEntry entry)
        {
            if (done.Contains(entry.Name) || !visiting.Add(entry.Name))
            {
                return;
            }

            foreach (var reference in EnvironmentReferences.Collect(entry.Value))
            {
                if (reference != entry.Name && names.Contains(reference))
                {
                    await EvaluateEntryAsync(entries.First(e => e.Name == reference)).ConfigureAwait(false);
                }
            }

            var visible = values.Where(v => v.Key != entry.Name).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
            var entryFlow = flow.WithEnvironment(visible) with { LenientVariables = EnvironmentReferences.Lenient(entry.Value) };
            try
            {
                if (entry.Value is MethodCallExpression { Target: null, Name: "credentials" } call)
                {
                    var id = call.Arguments.Positional.Length > 0 ? await EvaluateStringAsync(call.Arguments.Positional[0], entryFlow).ConfigureAwait(false) : null;
                    binder.BindEnvironment(entry.Name, id ?? string.Empty, flow.Node);
                    foreach (var (name, value) in binder.Variables)
                    {
                        values[name] = value;
                    }
                }
                else
                {
                    values[entry.Name] = GroovyFormat.ToDisplayString(await EvaluateAsync(entry.Value, entryFlow).ConfigureAwait(false));
                }
            }
            catch (GroovyException e) when (e.Value.ClassName == Groovy.Values.JavaClasses.MissingPropertyException)
            {
                throw GroovyException.Create(Groovy.Values.JavaClasses.IllegalArgumentException,
                    $"One or more variables have some issues with their values: {entry.Name}");
            }

            done.Add(entry.Name);
        }

        foreach (var entry in entries)
        {
            await EvaluateEntryAsync(entry).ConfigureAwait(false);
        }

        var secrets = binder.Variables.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var plain = values.Where(v => !secrets.ContainsKey(v.Key)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        if (secrets.Count == 0)
        {
            await BlockAsync(flow, "withEnv", inner => body(inner.WithEnvironment(plain))).ConfigureAwait(false);
            return;
        }

        var masking = "Masking supported pattern matches of " + string.Join(" or ", secrets.Keys.Select(k => "$" + k));
        await BlockAsync(flow, "withCredentials", credentialFlow =>
            BlockAsync(credentialFlow.WithEnvironment(secrets), "withEnv", inner => body(inner.WithEnvironment(plain))), masking).ConfigureAwait(false);
    }

    /// <summary>The options that wrap a block (timeout, retry, timestamps, lock...), outermost first, through the real steps.</summary>
    private async ValueTask InWrappersAsync(FlowContext flow, OptionsNode? options, Func<FlowContext, ValueTask> body)
    {
        var wrappers = (options?.Options ?? []).Where(o => OptionCatalog.Options.TryGetValue(o.Name, out var option) && option.Kind == OptionKind.Wrapper).ToList();
        await WrapAsync(flow, wrappers, 0, body).ConfigureAwait(false);
    }

    private async ValueTask WrapAsync(FlowContext flow, List<InvocationNode> wrappers, int index, Func<FlowContext, ValueTask> body)
    {
        if (index >= wrappers.Count)
        {
            await body(flow).ConfigureAwait(false);
            return;
        }

        var wrapper = wrappers[index];
        if (_build.Request.Config.NoopSteps.Contains(wrapper.Name))
        {
            StepBinding.SkipNoop(_build, flow, wrapper.Name);
            await WrapAsync(flow, wrappers, index + 1, body).ConfigureAwait(false);
            return;
        }

        var arguments = await Interpreter.EvaluateArgumentsAsync(wrapper.Arguments, _frame.WithFlow(flow)).ConfigureAwait(false);
        await InvokeStepAsync(flow, wrapper.Name, arguments, inner => WrapAsync(inner, wrappers, index + 1, body)).ConfigureAwait(false);
    }

    /// <summary>tools {}: each tool's home from the config, its bin on PATH and its usual *_HOME variable.</summary>
    private async ValueTask WithToolsAsync(FlowContext flow, ToolsNode? tools, ToolsNode? parentTools, bool topLevel, Func<FlowContext, ValueTask> body)
    {
        var entries = new Dictionary<string, InvocationNode>(StringComparer.Ordinal);
        foreach (var tool in (topLevel ? null : parentTools)?.Tools ?? [])
        {
            entries[tool.Name] = tool;
        }

        foreach (var tool in tools?.Tools ?? [])
        {
            entries[tool.Name] = tool;
        }

        if (tools is null || entries.Count == 0 || flow.Node is null)
        {
            await body(flow).ConfigureAwait(false);
            return;
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        async ValueTask InstallAsync(FlowContext installFlow)
        {
            foreach (var (type, invocation) in entries)
            {
                var arguments = await Interpreter.EvaluateArgumentsAsync(invocation.Arguments, _frame.WithFlow(installFlow)).ConfigureAwait(false);
                var name = arguments.Positional.Count > 0 ? GroovyFormat.ToDisplayString(arguments.Positional[0]) : string.Empty;
                _build.PipelineLine(installFlow, "tool");
                var definition = _build.Request.Config.Tools.FirstOrDefault(t => t.Type == type && t.Name == name)
                    ?? throw StepErrors.Abort($"Tool type \"{type}\" does not have an install of \"{name}\" configured: add it to tools: in the config file");
                _build.PipelineLine(installFlow, "envVarsForTool");
                foreach (var (key, value) in ToolEnvironment(type, definition.Home))
                {
                    environment[key] = value;
                }
            }
        }

        if (topLevel)
        {
            var stage = _build.StartStage(flow.Stage, "Declarative: Tool Install", StageKind.Synthetic);
            var stageFlow = flow with { Stage = stage };
            _build.PipelineLine(flow, "stage");
            _build.PipelineLine(stageFlow, "{ (Declarative: Tool Install)");
            try
            {
                await InstallAsync(stageFlow).ConfigureAwait(false);
            }
            finally
            {
                _build.PipelineLine(stageFlow, "}");
                _build.PipelineLine(flow, "// stage");
                _build.FinishStage(stage);
            }
        }
        else
        {
            await InstallAsync(flow).ConfigureAwait(false);
        }

        await BlockAsync(flow, "withEnv", inner => body(inner.WithEnvironment(environment))).ConfigureAwait(false);
    }

    private static Dictionary<string, string> ToolEnvironment(string type, string home)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal) { ["PATH+" + type.ToUpperInvariant()] = Path.Combine(home, "bin") };
        switch (type)
        {
            case "maven":
                environment["MAVEN_HOME"] = home;
                environment["M2_HOME"] = home;
                break;
            case "jdk":
                environment["JAVA_HOME"] = home;
                break;
            default:
                environment[type.ToUpperInvariant() + "_HOME"] = home;
                break;
        }

        return environment;
    }

    /// <summary>A stage's input directive: asks, then exposes the answers (and the submitter) as environment variables.</summary>
    private async ValueTask<FlowContext> StageInputAsync(FlowContext flow, StageNode stage, InputNode? input)
    {
        if (input is null)
        {
            return flow;
        }

        async ValueTask<string?> Field(string name) => input.GetField(name) is { } e ? await EvaluateStringAsync(e, flow).ConfigureAwait(false) : null;

        var message = await Field("message").ConfigureAwait(false) ?? string.Empty;
        var parameters = await ParameterDefinitionsAsync(flow, input.Parameters).ConfigureAwait(false);
        var question = new InputQuestion(
            await Field("id").ConfigureAwait(false) ?? InputSteps.DefaultId(stage.Name),
            message,
            await Field("ok").ConfigureAwait(false) ?? "Proceed",
            await Field("submitter").ConfigureAwait(false),
            parameters);
        var submitterParameter = await Field("submitterParameter").ConfigureAwait(false);
        var response = await InputSteps.AskAsync(_build, flow, question).ConfigureAwait(false);
        var values = InputSteps.Values(question, response);
        var environment = values.ToDictionary(e => GroovyFormat.ToDisplayString(e.Key), e => GroovyFormat.ToDisplayString(e.Value), StringComparer.Ordinal);
        if (submitterParameter is not null)
        {
            environment[submitterParameter] = response.Submitter ?? string.Empty;
        }

        return flow.WithEnvironment(environment);
    }

    private async ValueTask<System.Collections.Immutable.ImmutableArray<InputParameterDefinition>> ParameterDefinitionsAsync(FlowContext flow, ParametersNode? parameters)
    {
        var result = System.Collections.Immutable.ImmutableArray.CreateBuilder<InputParameterDefinition>();
        foreach (var parameter in parameters?.Parameters ?? [])
        {
            var arguments = await Interpreter.EvaluateArgumentsAsync(parameter.Arguments, _frame.WithFlow(flow)).ConfigureAwait(false);
            result.Add(InputSteps.Definition(new DescribableValue(parameter.Name, arguments)));
        }

        return result.ToImmutable();
    }
}
