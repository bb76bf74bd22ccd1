namespace ContainerCd.Runtime.Docker.Isolated;

/// <summary>What an agent container needs to use its build's isolated engine: the engine, and the static docker CLI to mount (null when the host has none).</summary>
internal sealed record IsolatedEngineAccess(IsolatedEngine Engine, string? CliPath);
