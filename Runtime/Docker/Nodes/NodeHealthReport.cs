namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>When the node was last asked (null: never yet), how long its last answer took, and the average of its last answers.</summary>
public sealed record NodeHealthReport(DateTimeOffset? CheckedAt, TimeSpan? LastAnswer, TimeSpan? AverageAnswer);
