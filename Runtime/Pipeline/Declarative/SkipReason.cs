namespace ContainerCd.Runtime.Pipeline.Declarative;

/// <summary>Why a stage did not run, with Jenkins' wording (SkippedStageReason).</summary>
internal sealed record SkipReason(string Kind, string Message)
{
    public static SkipReason When(string stage) => new("when", $"Stage \"{stage}\" skipped due to when conditional");

    public static SkipReason Failure(string stage) => new("failure", $"Stage \"{stage}\" skipped due to earlier failure(s)");

    public static SkipReason Unstable(string stage) => new("unstable", $"Stage \"{stage}\" skipped due to earlier stage(s) marking the build as unstable");

    public static SkipReason Restart(string stage, string restartedAt) => new("restart", $"Stage \"{stage}\" skipped due to this build restarting at stage \"{restartedAt}\"");

    /// <summary>The same reason for a child stage (parallel branches and nested stages of a skipped stage).</summary>
    public SkipReason For(string stage) => Kind switch
    {
        "when" => When(stage),
        "failure" => Failure(stage),
        "unstable" => Unstable(stage),
        _ => new(Kind, System.Text.RegularExpressions.Regex.Replace(Message, "^Stage \"[^\"]*\"", $"Stage \"{stage}\"")),
    };
}
