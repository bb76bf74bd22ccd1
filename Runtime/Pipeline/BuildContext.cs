using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using ContainerCd.Runtime.Delivery.Registry;
using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Groovy.Interpreter;
using ContainerCd.Runtime.History;
using ContainerCd.Runtime.Pipeline.Environment;
using ContainerCd.Runtime.Pipeline.Libraries;
using ContainerCd.Runtime.Pipeline.Steps;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline;

/// <summary>
/// The state of one build: its identity, event sink, interpreter, steps and globals, the build result
/// (which only gets worse), the stages, the environment assigned by the script, stashes, and the
/// interpreter lock that makes Groovy code run one piece at a time (as CPS does) while steps that
/// wait (sh, sleep, input, parallel) let other branches go on.
/// </summary>
public sealed class BuildContext : IDisposable
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _interpreterLock = new(1, 1);
    private readonly Dictionary<string, string> _scriptEnvironment = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stageIds = new(StringComparer.Ordinal);
    private BuildResult? _result;
    private long _stepCounter;
    private int _scripts;

    internal BuildContext(BuildRequest request, string buildId, int number, BuildEventSink sink, CancellationScope root)
    {
        Request = request;
        BuildId = buildId;
        Number = number;
        Sink = sink;
        Root = root;
        StartedAt = request.Time.GetUtcNow();
        LocalRegistry = request.LocalRegistry ?? new LocalRegistry(request.Home, request.Config.Registry);
    }

    public BuildRequest Request { get; }

    /// <summary>The config's registry: delivery steps that push or pull make sure it runs (<see cref="ILocalRegistry.EnsureRunningAsync"/>).</summary>
    public ILocalRegistry LocalRegistry { get; }

    public string BuildId { get; }

    /// <summary>What labels the processes and Docker resources this build starts (<see cref="BuildRequest.ResourceScope"/>).</summary>
    public required string ResourceScope { get; init; }

    public int Number { get; }

    public string Job => Request.Job;

    public BuildEventSink Sink { get; }

    public CancellationScope Root { get; }

    public DateTimeOffset StartedAt { get; }

    public TimeProvider Time => Request.Time;

    internal GroovyInterpreter Interpreter { get; set; } = null!;

    internal StepRegistry Steps { get; set; } = null!;

    /// <summary>The shared libraries the build has loaded, and loads (<c>@Library</c>, <c>library</c>).</summary>
    internal LibraryLoader Libraries { get; set; } = null!;

    internal Dictionary<string, Func<Frame, object?>> ExtensionGlobals { get; set; } = new(StringComparer.Ordinal);

    public BuildSummary? PreviousBuild { get; internal set; }

    /// <summary>What the build checked out: the commits, and the changes since the previous build (<c>currentBuild.changeSets</c>).</summary>
    public Scm.BuildScm Scm { get; } = new();

    /// <summary>Variables every step sees: BUILD_NUMBER, JOB_NAME, parameters, <c>-e</c> values.</summary>
    public Dictionary<string, string> BaseEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>Parameter values as <c>params</c> exposes them (booleans as booleans).</summary>
    public Dictionary<string, object?> Parameters { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, string> Stashes { get; } = new(StringComparer.Ordinal);

    public Workspaces Workspaces { get; internal set; } = null!;

    /// <summary>Where this build's stashes are kept (HOME/stashes/JOB/NUMBER).</summary>
    public string StashRoot => Path.Combine(Request.Home, "stashes", Job, Number.ToString(CultureInfo.InvariantCulture));

    /// <summary>Where this build's archived artifacts go (HOME/artifacts/JOB/NUMBER).</summary>
    public string ArtifactRoot => Path.Combine(Request.Home, "artifacts", Job, Number.ToString(CultureInfo.InvariantCulture));

    /// <summary>Where this build's HTML reports go (HOME/reports/JOB/NUMBER/URLNAME), see <see cref="ReportFolder"/>.</summary>
    public string ReportRoot => ReportFolder(Request.Home, Job, Number);

    /// <summary>The folder of a build's HTML reports (publishHTML), one folder per report's URL name.</summary>
    public static string ReportFolder(string home, string job, int number) =>
        Path.Combine(Path.GetFullPath(home), "reports", job, number.ToString(CultureInfo.InvariantCulture));

    public string? DisplayName { get; set; }

    public string? Description { get; set; }

    /// <summary>The job's lock when <c>disableConcurrentBuilds()</c> is in force, held until the build is recorded.</summary>
    internal JobProperties.ConcurrentBuildLock? ConcurrencyLock { get; set; }

    /// <summary>The <c>buildDiscarder</c> the build set: applied once it is recorded.</summary>
    internal JobProperties.LogRotator? Discarder { get; set; }

    /// <summary>Whether a pipeline { } block ran already (only one may run per build).</summary>
    internal bool PipelineStarted { get; set; }

    /// <summary>The result so far; null until something set it (Jenkins' run result during the build).</summary>
    public BuildResult? Result
    {
        get
        {
            lock (_lock)
            {
                return _result;
            }
        }
    }

    public BuildResult CurrentResult => Result ?? BuildResult.Success;

    /// <summary>Sets the result; as in Jenkins it can only get worse once set.</summary>
    public void SetResult(BuildResult result)
    {
        lock (_lock)
        {
            _result = _result is null ? result : _result.Value.Combine(result);
        }
    }

    private int _milestones;

    public int NextMilestone() => Interlocked.Increment(ref _milestones) - 1;

    /// <summary>The class name of the next script <c>load</c> or <c>evaluate</c> runs: Script1, Script2..., as Jenkins names them.</summary>
    public string NextScriptName() => "Script" + Interlocked.Increment(ref _scripts).ToString(CultureInfo.InvariantCulture);

    public string NextStepId() => Interlocked.Increment(ref _stepCounter).ToString(CultureInfo.InvariantCulture);

    /// <summary>A stage id from its path, unique in the build (a repeated path gets #2, #3...).</summary>
    public string AllocateStageId(StageRun? parent, string name)
    {
        var baseId = parent is null ? name : parent.Id + "/" + name;
        lock (_lock)
        {
            var id = baseId;
            for (var n = 2; !_stageIds.Add(id); n++)
            {
                id = baseId + "#" + n.ToString(CultureInfo.InvariantCulture);
            }

            return id;
        }
    }

    public StageRun StartStage(StageRun? parent, string name, StageKind kind)
    {
        var stage = new StageRun(AllocateStageId(parent, name), name, parent, kind, Time.GetUtcNow());
        Sink.StageStarted(stage.Id, parent?.Id, stage.Path, kind);
        return stage;
    }

    public void FinishStage(StageRun stage, BuildResult? resultOverride = null) =>
        Sink.StageFinished(stage.Id, stage.Parent?.Id, stage.Path, stage.Kind, resultOverride ?? stage.Result, stage.StartedAt, stage.SkipReason);

    public IReadOnlyDictionary<string, string> ScriptEnvironment()
    {
        lock (_scriptEnvironment)
        {
            return new Dictionary<string, string>(_scriptEnvironment, StringComparer.Ordinal);
        }
    }

    public void SetScriptEnvironment(string name, string? value)
    {
        lock (_scriptEnvironment)
        {
            if (value is null)
            {
                _scriptEnvironment.Remove(name);
            }
            else
            {
                _scriptEnvironment[name] = value;
            }
        }
    }

    public Dictionary<string, string> EffectiveEnvironment(FlowContext flow) =>
        EnvironmentResolver.Effective(this, flow, flow.Node is { IsHost: false } ? null : System.Environment.GetEnvironmentVariable("PATH"));

    /// <summary>Waits for the interpreter lock (a parallel branch starting, a step resuming).</summary>
    public Task EnterAsync() => _interpreterLock.WaitAsync();

    public void Exit() => _interpreterLock.Release();

    /// <summary>
    /// Lets other branches run Groovy while this one waits (for a process, a timer, an input):
    /// releases the interpreter lock and takes it back when disposed.
    /// </summary>
    public async ValueTask<T> WhileWaitingAsync<T>(Func<ValueTask<T>> wait)
    {
        Exit();
        try
        {
            return await wait().ConfigureAwait(false);
        }
        finally
        {
            await EnterAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask WhileWaitingAsync(Func<ValueTask> wait)
    {
        Exit();
        try
        {
            await wait().ConfigureAwait(false);
        }
        finally
        {
            await EnterAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Writes lines to the console log, attributed to the flow's stage and step.</summary>
    public void Log(FlowContext flow, string text) => WriteOutput(flow, text.EndsWith('\n') ? text : text + "\n");

    /// <summary>
    /// Writes whole lines of a step's output (each ends with a newline), stamped with the time inside
    /// <c>timestamps { }</c>, and tells the flow's activity listeners.
    /// </summary>
    internal void WriteOutput(FlowContext flow, string lines)
    {
        Sink.Log(flow.Timestamps ? TimestampedLines.Stamp(lines, Time.GetUtcNow()) : lines, flow.Stage?.Id, flow.StepId);
        foreach (var listener in flow.ActivityListeners)
        {
            listener();
        }
    }

    /// <summary>A <c>[Pipeline] ...</c> line.</summary>
    public void PipelineLine(FlowContext flow, string text)
    {
        if (Request.PipelineLines)
        {
            Sink.Log("[Pipeline] " + text + "\n", flow.Stage?.Id, flow.StepId);
        }
    }

    public void Dispose() => _interpreterLock.Dispose();

    internal ImmutableArray<string> StepNames => [.. Steps.Names.Order(StringComparer.Ordinal)];
}
