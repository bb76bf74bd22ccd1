namespace ContainerCd.Runtime.Agents;

/// <summary>What one executor of a node runs: build <see cref="Number"/> of <see cref="Job"/>, since <see cref="Since"/>.</summary>
public sealed record ExecutorWork(string Job, int Number, DateTimeOffset Since);
