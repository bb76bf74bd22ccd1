namespace ContainerCd.Server.Hubs;

/// <summary>A run of <see cref="LogDto.Text"/> written by one stage and step (null outside any).</summary>
public sealed record LogSegment(string? StageId, string? StepId, int Length);
