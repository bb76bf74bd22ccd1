using System.Text.Json.Serialization;

namespace ContainerCd.Server.Api;

/// <summary>
/// <c>GET /job/J/api/json</c> of a pipeline job, as Jenkins' WorkflowJob exports it. Actions, artifacts and change sets
/// stay open maps: each kind of action (<c>_class</c>) has its own fields, as in Jenkins.
/// </summary>
internal sealed record JenkinsJobResponse(
    string Name,
    string FullName,
    string DisplayName,
    string Url,
    bool Buildable,
    IReadOnlyList<Dictionary<string, object?>> Actions,
    string Color,
    bool InQueue,
    IReadOnlyList<JenkinsBuildRef> Builds,
    JenkinsBuildRef? FirstBuild,
    JenkinsBuildRef? LastBuild,
    JenkinsBuildRef? LastCompletedBuild,
    JenkinsBuildRef? LastSuccessfulBuild,
    JenkinsBuildRef? LastFailedBuild,
    JenkinsBuildRef? LastUnsuccessfulBuild,
    int NextBuildNumber)
{
    [JsonPropertyName("_class")]
    [JsonPropertyOrder(-1)]
    public string Class { get; } = "org.jenkinsci.plugins.workflow.job.WorkflowJob";
}

/// <summary><c>GET /job/J/N/api/json</c>, as Jenkins' WorkflowRun exports it.</summary>
internal sealed record JenkinsBuildResponse(
    int Number,
    string Id,
    string Url,
    string DisplayName,
    string FullDisplayName,
    string? Description,
    bool Building,
    string? Result,
    bool InProgress,
    long Timestamp,
    long Duration,
    long EstimatedDuration,
    IReadOnlyList<JenkinsArtifact> Artifacts,
    IReadOnlyList<object> Actions,
    IReadOnlyList<Dictionary<string, object?>> ChangeSets)
{
    [JsonPropertyName("_class")]
    [JsonPropertyOrder(-1)]
    public string Class { get; } = JenkinsBuildRef.WorkflowRun;
}

/// <summary>A build where Jenkins refers to one (a job's <c>builds</c>, <c>lastBuild</c>..., a queue item's <c>executable</c>).</summary>
internal sealed record JenkinsBuildRef(int Number, string Url)
{
    public const string WorkflowRun = "org.jenkinsci.plugins.workflow.job.WorkflowRun";

    [JsonPropertyName("_class")]
    [JsonPropertyOrder(-1)]
    public string Class { get; } = WorkflowRun;
}

/// <summary><c>GET /queue/item/N/api/json</c> of a triggered build: it has left the queue (Jenkins' LeftItem), <c>executable</c> is the build.</summary>
internal sealed record JenkinsQueueItemResponse(long Id, QueueTaskView Task, JenkinsBuildRef Executable)
{
    [JsonPropertyName("_class")]
    [JsonPropertyOrder(-1)]
    public string Class { get; } = "hudson.model.Queue$LeftItem";
}

/// <summary>A queue item's <c>task</c>: the job it builds.</summary>
internal sealed record QueueTaskView(string Name, string Url);
