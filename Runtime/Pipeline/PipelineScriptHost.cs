using ContainerCd.Parser.Ast.Declarative;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Declarative;
using ContainerCd.Runtime.Pipeline.Globals;
using ContainerCd.Runtime.Pipeline.Libraries;
using ContainerCd.Runtime.Pipeline.Steps;

namespace ContainerCd.Runtime.Pipeline;

/// <summary>
/// What scripts see beyond Groovy: the globals (env, params, currentBuild, scm, extension globals such
/// as docker, shared library vars, then environment variables by name) and the functions (pipeline,
/// the steps, no-op steps from the config, describable symbols such as string(...) for credentials).
/// </summary>
internal sealed class PipelineScriptHost : IScriptHost
{
    private readonly BuildContext _build;
    private readonly Dictionary<SourceText, PipelineNode> _pipelines;
    private readonly Dictionary<(SourceText Source, int Start), PipelineNode?> _modelledAtCall = [];

    public PipelineScriptHost(BuildContext build, LibraryLoader libraries, Dictionary<SourceText, PipelineNode> pipelines)
    {
        _build = build;
        Libraries = libraries;
        _pipelines = pipelines;
    }

    public LibraryLoader Libraries { get; }

    public object? GetGlobal(string name, Frame frame)
    {
        switch (name)
        {
            case "env":
                return new EnvGlobal(_build, frame.Flow);
            case "params":
                return new GroovyMap(_build.Parameters.Select(p => new KeyValuePair<object?, object?>(p.Key, p.Value)));
            case "currentBuild":
                return new CurrentBuildGlobal(_build, frame.Flow);
            case "scm":
                return new ScmValue(_build);
            case "steps":
                return new StepsGlobal(this);
        }

        if (_build.ExtensionGlobals.TryGetValue(name, out var factory))
        {
            return factory(frame);
        }

        if (Libraries.Vars.TryGetValue(name, out var libraryVar))
        {
            return libraryVar;
        }

        return _build.EffectiveEnvironment(frame.Flow).TryGetValue(name, out var value) ? value : Undefined.Value;
    }

    public async ValueTask<object?> InvokeFunctionAsync(string name, Arguments arguments, Frame frame, SourceSpan span)
    {
        if (name == "pipeline")
        {
            await RunPipelineAsync(frame, span).ConfigureAwait(false);
            return null;
        }

        // A step the config declares a no-op is skipped even where containercd runs it (mail without an SMTP server).
        if (_build.Request.Config.NoopSteps.Contains(name))
        {
            StepBinding.SkipNoop(_build, frame.Flow, name);
            return null;
        }

        if (_build.Steps.TryGet(name, out var step))
        {
            return await StepRegistry.InvokeAsync(step, arguments, frame, span).ConfigureAwait(false);
        }

        if (Libraries.Vars.TryGetValue(name, out var libraryVar))
        {
            var result = await libraryVar.InvokeMethodAsync("call", arguments, frame, span).ConfigureAwait(false);
            return result is Undefined
                ? throw ScriptErrors.MissingMethod(libraryVar, "call", arguments.Flatten()).At(frame.Source, span)
                : result;
        }

        if (_build.ExtensionGlobals.TryGetValue(name, out var factory))
        {
            return await frame.Interpreter.InvokeMethodAsync(factory(frame), "call", arguments, frame, span).ConfigureAwait(false);
        }


        switch (name)
        {
            case "print" or "println" when _build.Steps.TryGet("echo", out var echo):
                // As Jenkins' CpsScript: println is the echo step.
                return await StepRegistry.InvokeAsync(echo, arguments, frame, span).ConfigureAwait(false);
            case "sprintf":
                var all = arguments.Flatten();
                return JavaFormatter.Format(GroovyFormat.ToDisplayString(all.Count > 0 ? all[0] : null), all.Skip(1).ToList());
            case "evaluate":
                return await EvaluateScriptAsync(GroovyFormat.ToDisplayString(arguments.Positional.Count > 0 ? arguments.Positional[0] : null), frame).ConfigureAwait(false);
            case "credentials":
                throw StepErrors.Abort("credentials('id') can only be used in an environment { } block: use withCredentials elsewhere");
        }

        if (StepBinding.Unavailable(name) is { } unavailable)
        {
            throw unavailable.At(frame.Source, span);
        }

        if (DescribableValue.Symbols.Contains(name))
        {
            return new DescribableValue(name, arguments);
        }

        return Undefined.Value;
    }

    public ScriptClass? ResolveClass(string typeName) => Libraries.FindClass(typeName);

    public GroovyException MissingFunction(string name, Arguments arguments, Frame frame) =>
        GroovyException.Create(JavaClasses.NoSuchMethodError,
            $"No such DSL method '{name}' found among steps [{string.Join(", ", _build.StepNames)}] or globals [currentBuild, env, params, pipeline, scm{string.Concat(_build.ExtensionGlobals.Keys.Order(StringComparer.Ordinal).Select(k => ", " + k))}]");

    /// <summary><c>evaluate(text)</c>: parses and runs Groovy text as a script of its own (its pipeline block, if any, runs).</summary>
    private async ValueTask<object?> EvaluateScriptAsync(string text, Frame frame)
    {
        var source = new SourceText(_build.NextScriptName(), text);
        var parsed = Parser.Jenkinsfile.Parse(source);
        if (parsed.HasErrors || parsed.Script is null)
        {
            throw GroovyException.Create("org.codehaus.groovy.control.MultipleCompilationErrorsException", ContainerCd.Parser.Diagnostics.JenkinsErrorReport.Render(source, parsed.Diagnostics));
        }

        if (parsed.Pipeline is not null)
        {
            _pipelines[source] = parsed.Pipeline;
        }

        var script = new ScriptObject(source.Path, parsed.Script, source);
        foreach (var (name, value) in frame.Script.Binding)
        {
            script.Binding[name] = value;
        }

        return await frame.Interpreter.RunScriptAsync(script, frame.Flow).ConfigureAwait(false);
    }

    /// <summary>The pipeline the parser modelled for this source, when it is the block being called.</summary>
    private PipelineNode? ModelledPipeline(SourceText source, SourceSpan call)
    {
        if (!_pipelines.TryGetValue(source, out var pipeline) && !Libraries.Pipelines.TryGetValue(source, out pipeline))
        {
            return null;
        }

        var overlaps = pipeline.Span.Start < call.Start + call.Length && call.Start < pipeline.Span.Start + pipeline.Span.Length;
        return overlaps ? pipeline : null;
    }

    /// <summary>
    /// A pipeline block the parser did not model, e.g. one of two in a library var (<c>if (x) { pipeline { } } else
    /// { pipeline { } }</c>): modelled when it is called, as Jenkins does, from the same text with everything
    /// around the call blanked (so positions are unchanged), and validated; errors fail as compilation errors.
    /// </summary>
    private PipelineNode? ModelAtCall(SourceText source, SourceSpan call)
    {
        var key = (source, call.Start);
        if (_modelledAtCall.TryGetValue(key, out var known))
        {
            return known;
        }

        var text = source.Text;
        if (call.Start < 0 || call.Start + call.Length > text.Length)
        {
            return null;
        }

        var masked = string.Create(text.Length, (text, call), static (span, state) =>
        {
            var (all, range) = state;
            for (var i = 0; i < all.Length; i++)
            {
                span[i] = (i >= range.Start && i < range.Start + range.Length) || all[i] is '\n' or '\r' ? all[i] : ' ';
            }
        });
        var parsed = Parser.Jenkinsfile.Parse(new SourceText(source.Path, masked), PipelineEngine.ValidationOptionsFor(_build.Request));
        if (parsed.HasErrors)
        {
            throw GroovyException.Create("org.codehaus.groovy.control.MultipleCompilationErrorsException",
                ContainerCd.Parser.Diagnostics.JenkinsErrorReport.Render(source, parsed.Diagnostics));
        }

        _modelledAtCall[key] = parsed.Pipeline;
        return parsed.Pipeline;
    }

    private async ValueTask RunPipelineAsync(Frame frame, SourceSpan span)
    {
        var pipeline = ModelledPipeline(frame.Source, span) ?? ModelAtCall(frame.Source, span)
            ?? throw StepErrors.Abort("This pipeline { } block was not recognised as a declarative pipeline");

        if (_build.PipelineStarted)
        {
            throw GroovyException.Create(JavaClasses.IllegalStateException, "Only one pipeline { ... } block can be executed in a single run.").At(frame.Source, span);
        }

        _build.PipelineStarted = true;
        await new DeclarativeRunner(_build, pipeline, frame).RunAsync().ConfigureAwait(false);
    }
}
