namespace ContainerCd.Runtime.Agents;

/// <summary>
/// How a shell step ended: its exit code, the captured stdout when asked for, and whether the OOM
/// killer ended it (exit code 137 with the kernel's say-so).
/// </summary>
public sealed record ShellResult(int ExitCode, string? Stdout, bool OutOfMemoryKilled = false);
