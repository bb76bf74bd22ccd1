namespace ContainerCd.Runtime.Results;

/// <summary>Jenkins' build results, in its order of severity: a later value is worse.</summary>
public enum BuildResult
{
    Success = 0,
    Unstable = 1,
    Failure = 2,
    NotBuilt = 3,
    Aborted = 4,
}
