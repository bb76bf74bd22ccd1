using ContainerCd.Parser.Diagnostics;
using ContainerCd.Parser.Text;
using ContainerCd.Parser.Validation.Metadata;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Agents;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// The steps of a build by name, and the dispatcher that runs one: <c>[Pipeline] name</c>, the step
/// events, the "needs a node" check, a mirrored workspace kept level around it (<see cref="WorkspaceSync"/>, by the
/// step's <see cref="StepInfo.Workspace"/>), and <c>[Pipeline] // name</c> after a block step.
/// </summary>
public sealed class StepRegistry
{
    private readonly Dictionary<string, IStep> _steps = new(StringComparer.Ordinal);

    public IEnumerable<string> Names => _steps.Keys;

    public void Add(IStep step) => _steps[step.Name] = step;

    public bool TryGet(string name, out IStep step) => _steps.TryGetValue(name, out step!);

    public static async ValueTask<object?> InvokeAsync(IStep step, Arguments arguments, Frame frame, SourceSpan span)
    {
        var flow = frame.Flow;
        var build = flow.Build ?? throw new InvalidOperationException("Steps run inside a build.");
        frame.Interpreter.Tick(frame, span);
        if (step.NeedsNode && flow.Node is null)
        {
            throw StepErrors.MissingNode(step.Name).At(frame.Source, span);
        }

        var events = StepEvents.Open(build, flow, step.Name).Start(Describe(arguments));
        var inner = events.Flow;
        var hasBlock = step.TakesBlock && arguments.Body is not null;
        try
        {
            RefuseUnsupportedParameters(step, arguments);
            await WorkspaceSync.BeforeStepAsync(build, inner, step.Info.Workspace).ConfigureAwait(false);
            object? result;
            try
            {
                result = await step.InvokeAsync(new StepContext(build, frame.WithFlow(inner), arguments, step, events.Id, span)).ConfigureAwait(false);
            }
            finally
            {
                WorkspaceSync.AfterStep(inner, step.Info.Workspace);
            }

            events.Succeeded();
            return result;
        }
        catch (Exception e)
        {
            var error = ToScriptError(e, inner);
            events.Failed(error.Value);
            throw error.At(frame.Source, span);
        }
        finally
        {
            if (hasBlock)
            {
                build.PipelineLine(flow, "// " + step.Name);
            }
        }
    }

    /// <summary>
    /// What a step's exception is to the script: a Java exception as it is; the step's cancellation as the
    /// interruption it stands for; anything else (an I/O error, a fault) as the Java exception it maps to,
    /// so that it fails the step and never escapes the build.
    /// </summary>
    private static GroovyException ToScriptError(Exception exception, FlowContext flow) => exception switch
    {
        GroovyException groovy => groovy,
        OperationCanceledException when flow.CancellationToken.IsCancellationRequested => flow.Cancellation.CreateInterruptedException(),
        _ => StepErrors.Unexpected(exception),
    };

    /// <summary>A parameter the catalog says run cannot honour fails the step with the words lint warns with.</summary>
    private static void RefuseUnsupportedParameters(IStep step, Arguments arguments)
    {
        if (step.Info.UnsupportedParameters.IsEmpty || arguments.Named is not { } named)
        {
            return;
        }

        foreach (var (parameter, why) in step.Info.UnsupportedParameters.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (named.TryGetValue(parameter, out var value) && value is not (null or false))
            {
                throw StepErrors.Abort(DiagnosticCatalog.UnsupportedParameterMessage(step.Name, parameter, why));
            }
        }
    }

    private static string? Describe(Arguments arguments)
    {
        var first = arguments.Named is { } named
            ? named.TryGetValue("label", out var label) && label is not null ? label : named.TryGetValue("script", out var script) ? script : null
            : arguments.Positional.Count > 0 && arguments.Positional[0] is not CallableValue ? arguments.Positional[0] : null;
        if (first is null)
        {
            return null;
        }

        var text = GroovyFormat.ToDisplayString(first).Trim();
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline >= 0)
        {
            text = text[..newline] + " ...";
        }

        return text.Length > 200 ? text[..197] + "..." : text;
    }
}
