using System.Net;

namespace ContainerCd.Runtime.Delivery.Registry;

/// <summary>
/// What ContainerCd knows of Debian's <c>docker-registry</c> (the distribution registry 2.x): where it is installed,
/// its config file, and how to tell it answers. The local registry and the test fixtures both use this.
/// </summary>
public static class RegistryServer
{
    public const string Executable = "/usr/bin/docker-registry";

    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(2) };

    public static bool IsInstalled => File.Exists(Executable);

    /// <summary>
    /// The registry's config file: listening on <paramref name="listen"/> (<c>127.0.0.1:5000</c>), images stored under
    /// <paramref name="dataDirectory"/>, warnings only in its log, and basic authentication from an htpasswd file when given.
    /// </summary>
    public static string ConfigFile(string listen, string dataDirectory, string? htpasswdFile = null, string realm = "containercd")
    {
        var auth = htpasswdFile is null ? string.Empty : $"auth:\n  htpasswd:\n    realm: {realm}\n    path: {htpasswdFile}\n";
        return $"""
            version: 0.1
            log:
              level: warn
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {dataDirectory}
            http:
              addr: {listen}

            """ + auth;
    }

    /// <summary>
    /// Whether a registry answers on <paramref name="address"/>: <c>GET /v2/</c> is 200 (or 401 when it asks for
    /// credentials) with the <c>Docker-Distribution-API-Version</c> header, so another server on the port is not taken for one.
    /// </summary>
    public static async Task<bool> AnswersAsync(string address, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await Client.GetAsync(new Uri($"http://{address}/v2/"), cancellationToken).ConfigureAwait(false);
            return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized
                && response.Headers.Contains("Docker-Distribution-API-Version");
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
