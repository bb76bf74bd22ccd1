namespace ContainerCd.Runtime.Docker.Isolated;

/// <summary>
/// What a container needs to use its build's isolated engine: the engine, and the static docker CLI to mount (null when
/// the host has none). An agent's container on the host engine mounts the engine's socket volume and the host's CLI;
/// a container started in the engine itself (<paramref name="InEngine"/>: <c>inside</c>, <c>reuseNode</c>) binds the
/// engine container's socket folder and the CLI bound there (<see cref="EngineScript.CliPath"/>).
/// </summary>
internal sealed record IsolatedEngineAccess(IsolatedEngine Engine, string? CliPath, bool InEngine = false);
