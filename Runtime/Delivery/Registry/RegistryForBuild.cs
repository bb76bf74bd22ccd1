using System.Globalization;
using System.Text.RegularExpressions;
using ContainerCd.Runtime.Pipeline;

namespace ContainerCd.Runtime.Delivery.Registry;

/// <summary>
/// Starts the local registry for a build whose Jenkinsfile names its address (<c>127.0.0.1:5000</c> or
/// <c>localhost:5000</c> for the default one), before the pipeline runs, and says so in the build log.
/// </summary>
internal static partial class RegistryForBuild
{
    /// <summary>False when the build needs the local registry and it could not be started (the log says why).</summary>
    public static async Task<bool> EnsureAsync(BuildContext build, FlowContext flow)
    {
        var settings = build.Request.Config.Registry;
        if (!settings.IsLocal || !Names(build.Request.Jenkinsfile.Text, settings.Port))
        {
            return true;
        }

        try
        {
            if (await build.LocalRegistry.EnsureRunningAsync(flow.Cancellation.Token).ConfigureAwait(false) == RegistryStart.Started)
            {
                var where = build.LocalRegistry is LocalRegistry local ? $" (docker-registry, data in {local.DataDirectory})" : string.Empty;
                build.Log(flow, $"Started the local registry on {build.LocalRegistry.Address}{where}");
            }

            return true;
        }
        catch (LocalRegistryException e)
        {
            build.Log(flow, "ERROR: " + e.Message);
            return false;
        }
    }

    /// <summary>Whether <paramref name="text"/> names the loopback registry on <paramref name="port"/> (<c>127.0.0.1:5000</c>, <c>localhost:5000</c>).</summary>
    internal static bool Names(string text, int port)
    {
        foreach (Match match in LoopbackAddress().Matches(text))
        {
            if (int.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture) == port)
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"(?<![\w.-])(?:127\.0\.0\.1|localhost):(\d{1,5})(?!\d)")]
    private static partial Regex LoopbackAddress();
}
