using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Ast.Expressions;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Pipeline.Declarative;

/// <summary>
/// Runs a <c>pipeline { }</c> in the order of Jenkins' ModelInterpreter (spec section 6): top-level
/// agent, credentials, environment, option wrappers and tools around the stages, then the post
/// section in its synthetic stage, which also runs when anything failed earlier. Errors are
/// remembered (the first one wins) and rethrown at the end, after post.
/// </summary>
internal sealed partial class DeclarativeRunner
{
    private readonly BuildContext _build;
    private readonly PipelineNode _pipeline;
    private readonly Frame _frame;
    private readonly HashSet<string> _options = new(StringComparer.Ordinal);

    public DeclarativeRunner(BuildContext build, PipelineNode pipeline, Frame frame)
    {
        _build = build;
        _pipeline = pipeline;
        _frame = frame;
    }

    private GroovyInterpreter Interpreter => _frame.Interpreter;

    private bool AgentNone => _pipeline.Agent is { Type: "none" };

    public async ValueTask RunAsync()
    {
        foreach (var option in _pipeline.Options?.Options ?? [])
        {
            // skipDefaultCheckout(false) and the like turn the option off.
            if (option.Arguments.Positional is not [ConstantExpression { Value: false }])
            {
                _options.Add(option.Name);
            }
        }

        GroovyException? firstError = null;
        var postRun = false;
        var root = _frame.Flow with { InDeclarative = true };

        // libraries {} and parameters {} are evaluated when the pipeline block runs, so they see the script's variables.
        foreach (var library in _pipeline.Libraries?.Libraries ?? [])
        {
            var reference = await EvaluateAsync(library, root).ConfigureAwait(false);
            await ((PipelineScriptHost)Interpreter.Host).Libraries.LoadAsync(GroovyFormat.ToDisplayString(reference), root).ConfigureAwait(false);
        }

        await ApplyParametersAsync(root).ConfigureAwait(false);
        try
        {
            await ApplyJobPropertiesAsync(root).ConfigureAwait(false);
            await InAgentAsync(root, _pipeline.Agent, topLevel: true, async agentFlow =>
            {
                await WithEnvironmentAsync(agentFlow, _pipeline.Environment, async envFlow =>
                {
                    await DeclareTriggersAsync(envFlow).ConfigureAwait(false);
                    await InWrappersAsync(envFlow, _pipeline.Options, async wrappedFlow =>
                    {
                        await WithToolsAsync(wrappedFlow, _pipeline.Tools, null, topLevel: true, async toolsFlow =>
                        {
                            firstError = await RunSequentialStagesAsync(toolsFlow, _pipeline.Stages?.Stages ?? [], null, null, _build.Request.RestartFromStage).ConfigureAwait(false);
                            postRun = true;
                            try
                            {
                                await RunPostBuildAsync(toolsFlow, firstError).ConfigureAwait(false);
                            }
                            catch (GroovyException e)
                            {
                                firstError ??= e;
                            }
                        }).ConfigureAwait(false);
                        if (firstError is not null)
                        {
                            throw firstError;
                        }
                    }).ConfigureAwait(false);
                }).ConfigureAwait(false);
            }).ConfigureAwait(false);
        }
        catch (GroovyException e)
        {
            firstError ??= e;
        }
        finally
        {
            if (!postRun)
            {
                try
                {
                    await RunPostBuildAsync(root, firstError).ConfigureAwait(false);
                }
                catch (GroovyException e)
                {
                    firstError ??= e;
                }
            }
        }

        if (firstError is not null)
        {
            throw firstError;
        }
    }

    /// <summary>parameters {}: each parameter's default, overridden by the values the build was started with; also exported as environment variables.</summary>
    private async ValueTask ApplyParametersAsync(FlowContext flow)
    {
        foreach (var parameter in _pipeline.Parameters?.Parameters ?? [])
        {
            var arguments = await Interpreter.EvaluateArgumentsAsync(parameter.Arguments, _frame.WithFlow(flow)).ConfigureAwait(false);
            var definition = InputSteps.Definition(new DescribableValue(parameter.Name, arguments));
            if (definition.Name.Length == 0)
            {
                continue;
            }

            _build.Request.Parameters.TryGetValue(definition.Name, out var given);
            var value = InputSteps.ParameterValue(definition, given);
            _build.Parameters[definition.Name] = value;
            _build.BaseEnvironment[definition.Name] = GroovyFormat.ToDisplayString(value);
        }
    }

    /// <summary>The options that are job properties (disableConcurrentBuilds, buildDiscarder) take effect as the pipeline starts, as Jenkins applies them.</summary>
    private async ValueTask ApplyJobPropertiesAsync(FlowContext flow)
    {
        var properties = new List<DescribableValue>();
        foreach (var option in _pipeline.Options?.Options ?? [])
        {
            if (option.Name is "disableConcurrentBuilds" or "buildDiscarder")
            {
                properties.Add(new DescribableValue(option.Name, await Interpreter.EvaluateArgumentsAsync(option.Arguments, _frame.WithFlow(flow)).ConfigureAwait(false)));
            }
        }

        await JobProperties.JobPropertyEffects.ApplyAsync(_build, flow, properties).ConfigureAwait(false);
    }

    /// <summary>
    /// <c>triggers { }</c>: the job's triggers become those the pipeline declares (none when it declares none), as
    /// Declarative sets them; evaluated where the top-level <c>environment { }</c> is in scope (<c>cron("${SCHEDULE}")</c>).
    /// </summary>
    private async ValueTask DeclareTriggersAsync(FlowContext flow)
    {
        var triggers = new List<object?>();
        foreach (var trigger in _pipeline.Triggers?.Triggers ?? [])
        {
            // Only the triggers containercd runs have their arguments evaluated; the others are named in a warning.
            var arguments = Triggers.JobTriggers.Runs(trigger.Name)
                ? await Interpreter.EvaluateArgumentsAsync(trigger.Arguments, _frame.WithFlow(flow)).ConfigureAwait(false)
                : await Interpreter.EvaluateArgumentsAsync(ContainerCd.Parser.Ast.Expressions.ArgumentList.None(trigger.Span), _frame.WithFlow(flow)).ConfigureAwait(false);
            triggers.Add(new DescribableValue(trigger.Name, arguments));
        }

        JobProperties.JobPropertyEffects.DeclareTriggers(_build, flow, triggers);
    }

    /// <summary>Evaluates the steps of a <c>steps { }</c> block (or a post condition) in order.</summary>
    private async ValueTask RunStepsAsync(FlowContext flow, StepsNode steps)
    {
        var frame = _frame.WithFlow(flow);
        try
        {
            foreach (var step in steps.Steps)
            {
                await Interpreter.EvaluateAsync(step.Call, frame).ConfigureAwait(false);
            }
        }
        catch (GroovyException e) when (StepErrors.IsMissingNode(e.Value) && flow.Node is null && AgentNone)
        {
            throw StepErrors.Abort("Attempted to execute a step that requires a node context while ‘agent none’ was specified. Be sure to specify your own ‘node { ... }’ blocks when using ‘agent none’.");
        }
    }

    private ValueTask<object?> EvaluateAsync(Expression expression, FlowContext flow) =>
        Interpreter.EvaluateAsync(expression, _frame.WithFlow(flow));

    private async ValueTask<string?> EvaluateStringAsync(Expression? expression, FlowContext flow) =>
        expression is null ? null : await EvaluateAsync(expression, flow).ConfigureAwait(false) is { } value ? GroovyFormat.ToDisplayString(value) : null;

    /// <summary>Runs a block as a step of the given name would: <c>[Pipeline] name</c>, <c>{</c>, body, <c>}</c>, <c>// name</c>.</summary>
    private async ValueTask BlockAsync(FlowContext flow, string name, Func<FlowContext, ValueTask> body, string? firstLine = null, string? label = null)
    {
        var events = StepEvents.Open(_build, flow, name).Start(null);
        var inner = events.Flow;
        if (firstLine is not null)
        {
            _build.Log(inner, firstLine);
        }

        try
        {
            _build.PipelineLine(inner, label is null ? "{" : "{ (" + label + ")");
            try
            {
                await body(inner).ConfigureAwait(false);
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
            _build.PipelineLine(flow, "// " + name);
        }
    }

    /// <summary>Calls a registered step with a C# body, so that its log lines and events are the real step's.</summary>
    private async ValueTask InvokeStepAsync(FlowContext flow, string name, Arguments arguments, Func<FlowContext, ValueTask>? body)
    {
        if (!_build.Steps.TryGet(name, out var step))
        {
            throw StepBinding.Unavailable(name) ?? StepErrors.Abort($"No such DSL method '{name}' found among steps");
        }

        var positional = arguments.Positional.ToList();
        if (body is not null)
        {
            positional.Add(new BuiltinCallable(name + "-body", 0, async (_, _, caller, _) =>
            {
                await body(caller.Flow).ConfigureAwait(false);
                return null;
            }));
        }

        await StepRegistry.InvokeAsync(step, new Arguments(positional, arguments.Named), _frame.WithFlow(flow), default).ConfigureAwait(false);
    }
}
