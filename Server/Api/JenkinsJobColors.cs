using ContainerCd.Server.Storage;

namespace ContainerCd.Server.Api;

/// <summary>A job's <c>color</c> in Jenkins' api/json, from its last build.</summary>
internal static class JenkinsJobColors
{
    public static string Of(BuildRecord? last) => last switch
    {
        null => "notbuilt",
        { Building: true } => "blue_anime",
        { Result: "SUCCESS" } => "blue",
        { Result: "UNSTABLE" } => "yellow",
        { Result: "FAILURE" } => "red",
        { Result: "ABORTED" } => "aborted",
        _ => "notbuilt",
    };
}
