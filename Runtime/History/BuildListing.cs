using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.History;

/// <summary>A started build of a job as the build discarder sees it: its result is null while it runs.</summary>
public sealed record BuildListing(int Number, DateTimeOffset StartedAt, BuildResult? Result);
