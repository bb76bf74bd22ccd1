namespace ContainerCd.Testing.Nodes;

/// <summary>Whether this run is CI's, where Docker-backed tests must run: they fail rather than skip.</summary>
public static class CiEnvironment
{
    /// <summary>CI=true, or CONTAINERCD_REQUIRE_DOCKER=1 as .ci/run sets.</summary>
    public static bool RequiresDocker =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)
        || Environment.GetEnvironmentVariable("CONTAINERCD_REQUIRE_DOCKER") == "1";
}
