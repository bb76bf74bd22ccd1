namespace ContainerCd.Runtime.Docker.Shell;

/// <summary>How a step ended in a shell session: the exit code, the cgroup OOM kill count after it (-1 when not read), captured stdout.</summary>
internal sealed record StepOutcome(int ExitCode, long OomKills, string? Stdout);
