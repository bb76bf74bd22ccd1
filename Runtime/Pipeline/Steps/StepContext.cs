using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.Groovy.Operations;
using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Pipeline.Files;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// One invocation of a step: its arguments (a single unnamed argument stands for the step's default
/// parameter, as in <c>sh 'make'</c>), the frame and flow it runs in, and helpers to log, to resolve
/// paths against the current directory and to run its body with a changed flow.
/// </summary>
public sealed class StepContext
{
    public StepContext(BuildContext build, Frame frame, Arguments arguments, IStep step, string stepId, SourceSpan span)
    {
        Build = build;
        Frame = frame;
        Arguments = arguments;
        Step = step;
        StepId = stepId;
        Span = span;
    }

    public BuildContext Build { get; }

    public Frame Frame { get; }

    public FlowContext Flow => Frame.Flow;

    public Arguments Arguments { get; }

    public IStep Step { get; }

    public string StepId { get; }

    public SourceSpan Span { get; }

    public GroovyInterpreter Interpreter => Frame.Interpreter;

    public CancellationToken CancellationToken => Flow.CancellationToken;

    public CallableValue? Body => Arguments.Body;

    /// <summary>The arguments that are not the body.</summary>
    public IReadOnlyList<object?> Values => Body is null ? Arguments.Positional : Arguments.Positional.Take(Arguments.Positional.Count - 1).ToList();

    /// <summary>A named argument, or the unnamed argument at <paramref name="position"/> (the step's default parameter).</summary>
    public object? Argument(string name, int position = 0)
    {
        if (Arguments.Named is { } named && named.TryGetValue(name, out var value))
        {
            return value;
        }

        var values = Values;
        if (position < values.Count)
        {
            return values[position] is GroovyMap map && values.Count == 1 && map.TryGetValue(name, out var fromMap) ? fromMap : values[position] is GroovyMap ? null : values[position];
        }

        return values.Count == 1 && values[0] is GroovyMap single && single.TryGetValue(name, out var mapped) ? mapped : null;
    }

    public bool HasArgument(string name) => Arguments.Named?.ContainsKey(name) == true;

    public string? Text(string name, int position = 0) => Argument(name, position) is { } value ? GroovyFormat.ToDisplayString(value) : null;

    public string RequiredString(string name, int position = 0) =>
        Text(name, position) ?? throw Abort($"Missing required parameter: \"{name}\" for step {Step.Name}");

    public bool Boolean(string name, bool defaultValue) =>
        Argument(name, int.MaxValue) is { } value ? GroovyTruth.IsTrue(value is string s ? bool.TryParse(s, out var b) && b : value) : defaultValue;

    public long? Number(string name, int position = 0) => Argument(name, position) switch
    {
        null => null,
        var v when NumberMath.IsNumber(v) => NumberMath.ToLong(v),
        var v => long.TryParse(GroovyFormat.ToDisplayString(v), System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : throw Abort($"Expected a number for \"{name}\" of step {Step.Name}, got '{GroovyFormat.ToDisplayString(v)}'"),
    };

    public void Log(string text) => Build.Log(Flow, text);

    public void PipelineLine(string text) => Build.PipelineLine(Flow, text);

    /// <summary>The node, or the error Jenkins gives for a step that needs one outside <c>node</c>/an agent.</summary>
    public NodeContext RequireNode() => Flow.Node ?? throw StepErrors.MissingNode(Step.Name);

    public string WorkingDirectory => Flow.WorkingDirectory ?? RequireNode().Workspace;

    /// <summary>The files this step may reach: the node's workspace and its <c>@tmp</c> (see <see cref="WorkspaceArea"/>).</summary>
    public WorkspaceArea Files => WorkspaceArea.ForWorkspace(RequireNode().Workspace);

    /// <summary>
    /// The real path of a step's file argument (relative to the current directory), following links that stay in
    /// the workspace; a path that leaves the workspace, by itself or through a link, fails the step saying so.
    /// </summary>
    public string ResolvePath(string path)
    {
        var files = Files;
        var resolution = files.Resolve(WorkingDirectory, path);
        return resolution.IsInside ? resolution.FullPath : throw Abort(files.Refusal(path, resolution));
    }

    /// <summary>
    /// The files under the current directory that Ant patterns select (comma-separated), with the default excludes
    /// unless turned off; links are followed only inside the workspace, and the ones skipped are logged as warnings.
    /// A pattern that is absolute or climbs out with <c>..</c> fails the step.
    /// </summary>
    public IReadOnlyList<MatchedFile> Scan(string includes, string? excludes, bool defaultExcludes = true, bool caseSensitive = true, bool followSymlinks = true) =>
        ScanIn(".", includes, excludes, defaultExcludes, caseSensitive, followSymlinks);

    /// <summary>As <see cref="Scan"/>, under <paramref name="directory"/> (relative to the current directory), paths relative to it.</summary>
    public IReadOnlyList<MatchedFile> ScanIn(string directory, string includes, string? excludes, bool defaultExcludes = true, bool caseSensitive = true, bool followSymlinks = true)
    {
        var patterns = AntPatternSet.Parse(includes, excludes, defaultExcludes, caseSensitive, out var error) ?? throw Abort(error!);
        var files = Files;
        var start = files.Resolve(WorkingDirectory, directory);
        if (!start.IsInside)
        {
            throw Abort(files.Refusal(directory == "." ? WorkingDirectory : directory, start));
        }

        var result = WorkspaceScanner.Scan(files, start.FullPath, patterns, followSymlinks);
        foreach (var warning in result.Warnings)
        {
            Log("WARNING: " + warning);
        }

        return result.Files;
    }

#pragma warning disable CA1822 // An instance member so that steps write context.Abort(...) like context.Log(...).
    public GroovyException Abort(string message) => StepErrors.Abort(message);
#pragma warning restore CA1822

    /// <summary>Runs the step's body in <paramref name="flow"/>, between <c>[Pipeline] {</c> (or <c>{ (label)</c>) and <c>[Pipeline] }</c>.</summary>
    public ValueTask<object?> RunBodyAsync(FlowContext flow, string? label = null) =>
        RunBlockAsync(Body ?? throw Abort($"The {Step.Name} step needs a body {{ ... }}"), flow, label);

    public async ValueTask<object?> RunBlockAsync(CallableValue body, FlowContext flow, string? label = null)
    {
        Build.PipelineLine(flow, label is null ? "{" : "{ (" + label + ")");
        try
        {
            return await body.CallAsync(Interpreter, [], Frame.WithFlow(flow), Span).ConfigureAwait(false);
        }
        finally
        {
            Build.PipelineLine(flow, "}");
        }
    }

    /// <summary>The body run in the same flow (steps such as script and retry that only wrap it).</summary>
    public ValueTask<object?> RunBodyAsync() => RunBodyAsync(Flow);
}
