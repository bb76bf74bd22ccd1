namespace ContainerCd.Runtime.Results;

public static class BuildResultExtensions
{
    /// <summary>The worse of two results, as Jenkins combines them (worse wins).</summary>
    public static BuildResult Combine(this BuildResult current, BuildResult other) => current >= other ? current : other;

    public static bool IsWorseThan(this BuildResult result, BuildResult other) => result > other;

    /// <summary>The name Jenkins prints: SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED.</summary>
    public static string ToJenkinsName(this BuildResult result) => result switch
    {
        BuildResult.Success => "SUCCESS",
        BuildResult.Unstable => "UNSTABLE",
        BuildResult.Failure => "FAILURE",
        BuildResult.NotBuilt => "NOT_BUILT",
        BuildResult.Aborted => "ABORTED",
        _ => throw new ArgumentOutOfRangeException(nameof(result), result, null),
    };

    public static bool TryParseJenkinsName(string? name, out BuildResult result)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "SUCCESS": result = BuildResult.Success; return true;
            case "UNSTABLE": result = BuildResult.Unstable; return true;
            case "FAILURE": result = BuildResult.Failure; return true;
            case "NOT_BUILT": result = BuildResult.NotBuilt; return true;
            case "ABORTED": result = BuildResult.Aborted; return true;
            default: result = BuildResult.Success; return false;
        }
    }
}
