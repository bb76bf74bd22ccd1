using System.Security.Cryptography;
using System.Text;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Images;
using ContainerCd.Runtime.Docker.Ownership;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Isolated;

internal sealed partial class IsolatedEngines
{
    /// <summary>The repository of template images; a tag is <c>KIND-VERSION</c>: hashes of the preloaded names and dockerd's arguments, then of what they were made from.</summary>
    public const string TemplateRepository = "containercd/dind-template";

    private readonly SemaphoreSlim _templateGate = new(1, 1);
    private string? _failedTemplate;

    /// <summary>
    /// The template image for the host's current base images: <see cref="Images.BaseImages.IsolatedEngine"/> with
    /// an archive of a data root in which <see cref="IsolatedEngineOptions.Preload"/> is loaded, which
    /// <see cref="EngineScript"/> unpacks into a new engine's empty data root instead of loading the images there
    /// (about a second and a half of each start). Made once per host on first use, and again when the engine
    /// image, a preloaded image or the script change (older versions are removed once made). A build never writes
    /// to it (each engine unpacks a copy), so no build's images reach another. Null when there is nothing to
    /// preload, or when it cannot be made now (another containercd is making it, or it failed here before): the
    /// engine then loads the images itself, as it did without templates.
    /// </summary>
    private async Task<string?> TemplateAsync(string engineImageId, IShellOutput log, CancellationToken cancellationToken)
    {
        // The tag: what the template is for (the preloaded names, dockerd's arguments), then the versions it holds.
        var kind = new StringBuilder(options.DockerdArguments);
        var versions = new StringBuilder(engineImageId).Append('\n').Append(EngineScript.Text);
        var any = false;
        foreach (var image in options.Preload)
        {
            if (await TryInspectAsync(image, cancellationToken).ConfigureAwait(false) is { } found)
            {
                kind.Append('\n').Append(image);
                versions.Append('\n').Append(found.ID);
                any = true;
            }
        }

        if (!any)
        {
            return null;
        }

        var family = Hash(kind.ToString())[..8];
        var hash = $"{family}-{Hash(versions.ToString())[..12]}";
        var name = $"{TemplateRepository}:{hash}";
        if (await TryInspectAsync(name, cancellationToken).ConfigureAwait(false) is not null)
        {
            return name;
        }

        await _templateGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (await TryInspectAsync(name, cancellationToken).ConfigureAwait(false) is not null)
            {
                return name;
            }

            if (_failedTemplate == hash)
            {
                return null;
            }

            log.Write($"Making {name}: the isolated engine's data root with {string.Join(", ", options.Preload)} loaded (once per host and version)\n");
            if (await MakeTemplateAsync(hash, log, cancellationToken).ConfigureAwait(false) is not { } made)
            {
                return null;
            }

            if (!made)
            {
                _failedTemplate = hash;
                return null;
            }

            await RemoveOlderTemplatesAsync(family, name, cancellationToken).ConfigureAwait(false);
            return name;
        }
        finally
        {
            _templateGate.Release();
        }
    }

    /// <summary>
    /// Runs an engine from the base image on an empty data root, loads the base images into it, stops it, and
    /// commits the container with the data root archived in it. True when made; false when it failed (the log says
    /// why); null when another containercd is making the same template now (its container's name is taken).
    /// </summary>
    private async Task<bool?> MakeTemplateAsync(string hash, IShellOutput log, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ResourceLabels.Managed] = "true",
            [ResourceLabels.Owner] = OwnerIdentity.Current.ToString(),
            [ResourceLabels.Role] = ResourceLabels.EngineTemplateRole,
            [ResourceLabels.InputHash] = hash,
        };
        string id;
        try
        {
            id = (await host.Client.Containers.CreateContainerAsync(
                EngineContainer($"containercd-engine-template-{hash}", Images.BaseImages.IsolatedEngine, labels, EngineScript.Command(EngineScript.MakeTemplateArgument)),
                cancellationToken).ConfigureAwait(false)).ID;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            return null;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.StartTimeout * 2);
        try
        {
            using var input = await host.Client.Containers.AttachContainerAsync(id, new ContainerAttachParameters { Stream = true, Stdin = true, Stdout = true, Stderr = true }, timeout.Token).ConfigureAwait(false);
            await host.Client.Containers.StartContainerAsync(id, new ContainerStartParameters(), timeout.Token).ConfigureAwait(false);
            await WaitUntilReadyAsync(input, timeout.Token).ConfigureAwait(false);
            if (!await PreloadAsync(id, log, timeout.Token).ConfigureAwait(false))
            {
                return false;
            }

            input.CloseWrite();
            var (stdout, stderr) = await input.ReadOutputToEndAsync(timeout.Token).ConfigureAwait(false);
            if (!stdout.Contains(EngineScript.TemplateMadeMarker, StringComparison.Ordinal))
            {
                log.Write($"Could not make the isolated engine's template: {OneLine(stdout + stderr)}\n");
                return false;
            }

            await host.Client.Images.CommitContainerChangesAsync(new CommitContainerChangesParameters
            {
                ContainerID = id,
                RepositoryName = TemplateRepository,
                Tag = hash,
                Comment = "containercd: an isolated engine's data root with the base images loaded",
                Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal) { [ResourceLabels.Owner] = "" },
            }, timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (AgentStartException e)
        {
            log.Write($"Could not make the isolated engine's template: {e.Message}\n");
            return false;
        }
        catch (DockerApiException e)
        {
            log.Write($"Could not make the isolated engine's template: {OneLine(e.ResponseBody is { Length: > 0 } body ? body : e.Message)}\n");
            return false;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            log.Write($"Could not make the isolated engine's template within {(options.StartTimeout * 2).TotalSeconds} s\n");
            return false;
        }
        finally
        {
            await RemoveTemplateMakerAsync(id).ConfigureAwait(false);
        }
    }

    private async Task RemoveTemplateMakerAsync(string id)
    {
        try
        {
            await host.Client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, CancellationToken.None).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException or TimeoutException)
        {
            // Owned by this process: the next start's sweep removes it once the process is gone.
        }
    }

    /// <summary>Removes the earlier versions of a template (same preloaded names and arguments) that no engine runs from: one still running keeps its own.</summary>
    private async Task RemoveOlderTemplatesAsync(string family, string current, CancellationToken cancellationToken)
    {
        try
        {
            var templates = await host.Client.Images.ListImagesAsync(new ImagesListParameters
            {
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["reference"] = new Dictionary<string, bool> { [$"{TemplateRepository}:{family}-*"] = true } },
            }, cancellationToken).ConfigureAwait(false);
            foreach (var tag in templates.SelectMany(t => t.RepoTags ?? []).Where(t => t != current && t.StartsWith($"{TemplateRepository}:{family}-", StringComparison.Ordinal)))
            {
                try
                {
                    await host.Client.Images.DeleteImageAsync(tag, new ImageDeleteParameters(), cancellationToken).ConfigureAwait(false);
                }
                catch (DockerApiException)
                {
                    // In use by a running engine, or removed meanwhile: the next new version tries again.
                }
            }
        }
        catch (DockerApiException)
        {
            // Tidying only: the next new version tries again.
        }
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private Task<ImageInspectResponse?> TryInspectAsync(string image, CancellationToken cancellationToken) =>
        new ImageResolver(host).TryInspectAsync(image, cancellationToken);
}
