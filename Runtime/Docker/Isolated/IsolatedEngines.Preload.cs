using System.Text;
using ContainerCd.Runtime.Agents;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Isolated;

internal sealed partial class IsolatedEngines
{
    /// <summary>
    /// Loads the host engine's base images into the engine running in <paramref name="containerId"/> (<c>docker
    /// save</c> there, <c>docker load</c> here), since it cannot pull them from any registry. An image the host
    /// lacks is skipped; one that does not load is named in the log. Returns whether every image there loaded.
    /// </summary>
    private async Task<bool> PreloadAsync(string containerId, IShellOutput log, CancellationToken cancellationToken)
    {
        var loaded = true;
        foreach (var image in options.Preload)
        {
            Stream saved;
            try
            {
                saved = await host.Client.Images.SaveImageAsync(image, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                continue;
            }

            await using (saved.ConfigureAwait(false))
            {
                loaded &= await LoadAsync(containerId, image, saved, log, cancellationToken).ConfigureAwait(false);
            }
        }

        return loaded;
    }

    private async Task<bool> LoadAsync(string containerId, string image, Stream saved, IShellOutput log, CancellationToken cancellationToken)
    {
        var exec = await host.Client.Exec.CreateContainerExecAsync(containerId, new ContainerExecCreateParameters
        {
            AttachStdin = true,
            AttachStdout = true,
            AttachStderr = true,
            Cmd = ["docker", "-H", IsolatedEngine.DockerHost, "load", "-q"],
        }, cancellationToken).ConfigureAwait(false);
        using var stream = await host.Client.Exec.StartContainerExecAsync(exec.ID, new ContainerExecStartParameters { Detach = false, TTY = false }, cancellationToken).ConfigureAwait(false);
        var output = new StringBuilder();
        var reader = Task.Run(async () =>
        {
            var buffer = new byte[4096];
            while (true)
            {
                var read = await stream.ReadOutputAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                if (read.EOF)
                {
                    return;
                }

                output.Append(Encoding.UTF8.GetString(buffer, 0, read.Count));
            }
        }, cancellationToken);
        await stream.CopyFromAsync(saved, cancellationToken).ConfigureAwait(false);
        stream.CloseWrite();
        await reader.ConfigureAwait(false);
        var result = await host.Client.Exec.InspectContainerExecAsync(exec.ID, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            log.Write($"Could not load {image} into the isolated engine: {output.ToString().Trim()}\n");
            return false;
        }

        return true;
    }
}
