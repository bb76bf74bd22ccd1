using ContainerCd.Entry;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Server.Cli;

/// <summary>The exit code of <c>containercd run</c> for a build's result.</summary>
internal static class RunExitCode
{
    public static int For(BuildResult result) => result switch
    {
        BuildResult.Success => ExitCodes.Success,
        BuildResult.Unstable => ExitCodes.Unstable,
        BuildResult.Failure => ExitCodes.Failure,
        BuildResult.NotBuilt => ExitCodes.NotBuilt,
        _ => ExitCodes.Aborted,
    };
}
