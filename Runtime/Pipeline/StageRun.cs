using System.Collections.Immutable;
using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Pipeline;

/// <summary>
/// A stage while it runs: its id (derived from its path, unique in the build), name, parent, kind and
/// its own result, which only gets worse. As in Jenkins' Stage View, a warning (<c>unstable</c>,
/// <c>catchError(stageResult:)</c>, <c>currentBuild.result</c> set inside it) worsens the stage and the stages
/// around it (<see cref="Worsen"/>), while an error worsens only the stage it escapes (<see cref="WorsenSelf"/>;
/// each enclosing stage is worsened as the error escapes it in turn): an error caught inside the stage (by
/// <c>retry</c>, <c>catchError</c>, try/catch) does not fail it, and fail-fast siblings stay ABORTED while
/// the parallel stage is FAILURE.
/// </summary>
public sealed class StageRun
{
    private readonly Lock _lock = new();
    private BuildResult _result = BuildResult.Success;

    public StageRun(string id, string name, StageRun? parent, StageKind kind, DateTimeOffset startedAt)
    {
        Id = id;
        Name = name;
        Parent = parent;
        Kind = kind;
        StartedAt = startedAt;
        Path = parent is null ? [name] : parent.Path.Add(name);
    }

    public string Id { get; }

    public string Name { get; }

    public StageRun? Parent { get; }

    public ImmutableArray<string> Path { get; }

    public StageKind Kind { get; }

    public DateTimeOffset StartedAt { get; }

    public string? SkipReason { get; set; }

    public BuildResult Result
    {
        get
        {
            lock (_lock)
            {
                return _result;
            }
        }
    }

    public void Worsen(BuildResult result)
    {
        for (var stage = this; stage is not null; stage = stage.Parent)
        {
            lock (stage._lock)
            {
                stage._result = stage._result.Combine(result);
            }
        }
    }

    /// <summary>Worsens this stage only: the error that ends it (the stages around it get that error as it escapes them).</summary>
    public void WorsenSelf(BuildResult result)
    {
        lock (_lock)
        {
            _result = _result.Combine(result);
        }
    }
}
