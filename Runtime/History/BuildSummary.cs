using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.History;

/// <summary>A finished build as later builds see it.</summary>
public sealed record BuildSummary(
    string Job,
    int Number,
    BuildResult Result,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    string? DisplayName = null,
    string? Description = null);
