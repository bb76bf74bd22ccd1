using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.History;
using ContainerCd.Server.Jobs;

namespace ContainerCd.Server.Builds;

/// <summary>Everything an executor needs for one build.</summary>
internal sealed record PipelineRun(
    JobDefinition Job,
    int Number,
    string BuildId,
    string Cause,
    IReadOnlyDictionary<string, string> Parameters,
    string Home,
    string? ConfigFile,
    IBuildObserver Observer,
    IBuildHistory History,
    InputBroker Inputs);
