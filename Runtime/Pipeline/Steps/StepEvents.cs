using ContainerCd.Runtime.Groovy.Values;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// One step's bracket in the log and the events: <see cref="Open"/> takes the next step id and logs
/// <c>[Pipeline] name</c> under it, <see cref="Start"/> emits its <see cref="Runtime.Events.StepStarted"/>, and exactly one
/// of <see cref="Succeeded"/> or <see cref="Failed"/> its <see cref="Runtime.Events.StepFinished"/> with the result and the
/// time since the start. Every step and every block the runner logs as a step (stage, node, withDockerContainer,
/// the directives' blocks) goes through it, so their events look alike.
/// </summary>
internal sealed class StepEvents
{
    private readonly BuildContext _build;
    private readonly string? _stageId;
    private readonly string _name;
    private DateTimeOffset _started;

    private StepEvents(BuildContext build, FlowContext flow, string name)
    {
        _build = build;
        _name = name;
        _stageId = flow.Stage?.Id;
        Id = build.NextStepId();
        Flow = flow with { StepId = Id };
    }

    public string Id { get; }

    /// <summary>The flow the step's own lines and nested steps run in (its step id set).</summary>
    public FlowContext Flow { get; }

    /// <summary>Takes the next step id and logs <c>[Pipeline] name</c> with it; <see cref="Start"/> follows.</summary>
    public static StepEvents Open(BuildContext build, FlowContext flow, string name)
    {
        var step = new StepEvents(build, flow, name);
        build.PipelineLine(step.Flow, name);
        return step;
    }

    /// <summary>Emits the step's start (its name and what it was given, masked by the sink) and starts its clock.</summary>
    public StepEvents Start(string? description)
    {
        _started = _build.Time.GetUtcNow();
        _build.Sink.StepStarted(Id, _stageId, _name, description);
        return this;
    }

    public void Succeeded() => _build.Sink.StepFinished(Id, _stageId, BuildResult.Success, _started, null);

    /// <summary>The step ended with <paramref name="error"/>: ABORTED for an interruption (or the result it carries), else FAILURE.</summary>
    public void Failed(ThrowableValue error) =>
        _build.Sink.StepFinished(Id, _stageId, StepErrors.ResultOf(error), _started, error.Message ?? error.ClassName);
}
