using System.Diagnostics;

namespace ContainerCd.Router.Tests.Support;

/// <summary>
/// A real backend container: the locally built <c>containercd/busybox</c> running busybox <c>httpd</c> on port 8080,
/// whose <c>/</c> answers its version; reached at its bridge IP. Created through the docker CLI, labelled, removed
/// on dispose (only the containers it created).
/// </summary>
internal sealed class HttpdContainer : IAsyncDisposable
{
    public const string Image = "containercd/busybox:latest";

    private HttpdContainer(string id, string version, Uri address)
    {
        Id = id;
        Version = version;
        Address = address;
    }

    public string Id { get; }

    public string Version { get; }

    /// <summary><c>http://BRIDGE-IP:8080</c>.</summary>
    public Uri Address { get; }

    /// <summary>Null when a Docker engine answers with the image there; else why not.</summary>
    public static async Task<string?> UnavailableAsync()
    {
        try
        {
            var (code, output) = await DockerAsync("image", "inspect", "--format", "{{.Id}}", Image);
            return code == 0 ? null : $"no {Image} image (containercd images bootstrap) or no Docker engine: {output.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return "no docker CLI: " + e.Message;
        }
    }

    public static async Task<HttpdContainer> StartAsync(string version)
    {
        var (code, id) = await DockerAsync("run", "-d", "--label", "containercd.test=router", Image,
            "sh", "-c", $"mkdir -p /www && printf '{version}' > /www/index.html && exec httpd -f -p 8080 -h /www");
        if (code != 0)
        {
            throw new InvalidOperationException("docker run failed: " + id);
        }

        id = id.Trim();
        var (_, ip) = await DockerAsync("inspect", "--format", "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}", id);
        return new HttpdContainer(id, version, new Uri($"http://{ip.Trim()}:8080"));
    }

    /// <summary>Stops the container (SIGTERM, then SIGKILL after 1 s): it listens no more.</summary>
    public Task StopAsync() => DockerAsync("stop", "-t", "1", Id);

    public async ValueTask DisposeAsync() => await DockerAsync("rm", "-f", Id);

    private static async Task<(int Code, string Output)> DockerAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("docker", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, process.ExitCode == 0 ? await output : await error + await output);
    }
}
