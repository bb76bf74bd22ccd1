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

    /// <summary>
    /// Whether <paramref name="text"/> uses the loopback registry on <paramref name="port"/> as a registry: in an image
    /// name (<c>127.0.0.1:5000/shop:1</c>, <c>localhost:5000/shop</c>, with no scheme before it), or on a line that logs in,
    /// pushes or pulls (<c>docker.withRegistry('http://127.0.0.1:5000')</c>, <c>withDockerRegistry</c>, <c>docker login</c>,
    /// <c>docker push</c>, <c>docker pull</c>). Any other mention (<c>curl localhost:5000/health</c> of an app that listens
    /// on 5000, as Flask's default does) starts nothing.
    /// </summary>
    internal static bool Names(string text, int port)
    {
        foreach (Match match in LoopbackAddress().Matches(text))
        {
            if (int.Parse(match.Groups["port"].ValueSpan, CultureInfo.InvariantCulture) != port)
            {
                continue;
            }

            var lineStart = text.LastIndexOf('\n', match.Index) + 1;
            var lineEnd = text.IndexOf('\n', match.Index);
            var line = text[lineStart..(lineEnd < 0 ? text.Length : lineEnd)];
            var imageName = match.Groups["scheme"].Length == 0 && match.Groups["repository"].Success && !HttpClientUse().IsMatch(line);
            if (imageName || RegistryUse().IsMatch(line))
            {
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex(@"(?<![\w.-])(?<scheme>https?://)?(?:127\.0\.0\.1|localhost):(?<port>\d{1,5})(?!\d)(?<repository>/[a-z0-9])?")]
    private static partial Regex LoopbackAddress();

    [GeneratedRegex(@"withRegistry|withDockerRegistry|docker\s+(?:login|push|pull)\b")]
    private static partial Regex RegistryUse();

    [GeneratedRegex(@"\b(?:curl|wget|httpRequest)\b")]
    private static partial Regex HttpClientUse();
}
