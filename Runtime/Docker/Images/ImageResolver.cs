using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Engine;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Images;

/// <summary>Credentials for a registry, resolved by the runtime from a Jenkins credentials id.</summary>
public sealed record RegistryCredentials(string Username, string Password);

/// <summary>
/// Makes an image available: a local image is used as is (pulled first only with alwaysPull); a missing one
/// is pulled; one that is missing and cannot be pulled is one line naming the image and the fix. On an engine that is
/// not this machine's own (<paramref name="engineName"/>: a build's isolated engine), ContainerCd's base images are not
/// built there either, and the message names that engine.
/// </summary>
internal sealed class ImageResolver(DockerEngine engine, string? engineName = null)
{
    private static readonly SemaphoreSlim BootstrapGate = new(1, 1);

    public async Task<ImageInspectResponse> EnsureAsync(string image, bool alwaysPull, string? registryUrl, RegistryCredentials? credentials, IShellOutput log, CancellationToken cancellationToken)
    {
        var local = await TryInspectAsync(image, cancellationToken).ConfigureAwait(false);
        if (local is not null && !alwaysPull)
        {
            return local;
        }

        if (local is null && engineName is null && image is BaseImages.Busybox or BaseImages.Debian or BaseImages.IsolatedEngine)
        {
            await BootstrapGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (await TryInspectAsync(image, cancellationToken).ConfigureAwait(false) is { } builtMeanwhile)
                {
                    return builtMeanwhile;
                }

                await BootstrapAsync(image, log, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                BootstrapGate.Release();
            }

            return await TryInspectAsync(image, cancellationToken).ConfigureAwait(false)
                ?? throw new AgentStartException($"Image '{image}' was bootstrapped but cannot be found afterwards.");
        }

        var reference = Qualify(image, registryUrl);
        log.Write($"Pulling {reference}\n");
        var progress = new ProgressLog(log);
        string? failure;
        try
        {
            var (name, tag) = SplitTag(reference);
            var auth = credentials is null ? new AuthConfig() : new AuthConfig { Username = credentials.Username, Password = credentials.Password, ServerAddress = registryUrl };
            await engine.Client.Images.CreateImageAsync(new ImagesCreateParameters { FromImage = name, Tag = tag }, auth, progress, cancellationToken).ConfigureAwait(false);
            failure = progress.Error;
        }
        catch (DockerApiException e)
        {
            failure = e.ResponseBody?.Trim() is { Length: > 0 } body ? body : e.Message;
        }

        if (failure is null)
        {
            if (reference != image)
            {
                var (name, tag) = SplitTag(image);
                await engine.Client.Images.TagImageAsync(reference, new ImageTagParameters { RepositoryName = name, Tag = tag }, cancellationToken).ConfigureAwait(false);
            }

            return await TryInspectAsync(image, cancellationToken).ConfigureAwait(false)
                ?? throw new AgentStartException($"Image '{image}' was pulled but cannot be found afterwards.");
        }

        if (local is not null)
        {
            log.Write($"Could not pull {reference} ({OneLine(failure)}); using the local image.\n");
            return local;
        }

        throw new AgentStartException(engineName is null ? MissingImageMessage(image, failure) : MissingInEngineMessage(image, engineName, failure));
    }

    private async Task BootstrapAsync(string image, IShellOutput log, CancellationToken cancellationToken)
    {
        // Our own base images need no registry: build them here, as 'containercd images bootstrap' would.
        var flag = image switch { BaseImages.Debian => " --debian", BaseImages.IsolatedEngine => " --isolated", _ => "" };
        log.Write($"{image} is not built yet: building it locally (containercd images bootstrap{flag})\n");
        var bootstrapper = new BaseImageBootstrapper(engine);
        await (image switch
        {
            BaseImages.Debian => bootstrapper.DebianAsync(log, BaseImageBootstrapper.DefaultMirror, installMissing: true, cancellationToken),
            BaseImages.IsolatedEngine => bootstrapper.IsolatedEngineAsync(log, BaseImageBootstrapper.DefaultMirror, installMissing: true, cancellationToken),
            _ => bootstrapper.BusyboxAsync(log, installMissing: true, cancellationToken),
        }).ConfigureAwait(false);
    }

    internal static string MissingImageMessage(string image, string failure) =>
        $"Image '{image}' is not available locally and cannot be pulled ({OneLine(failure)}). Build it locally (docker build -t {image} .), load it (docker load), or use an image from 'containercd images bootstrap' ({BaseImages.Busybox}, {BaseImages.Debian}).";

    internal static string MissingInEngineMessage(string image, string engineName, string failure) =>
        $"Image '{image}' is not in {engineName} and cannot be pulled there ({OneLine(failure)}). That engine has {BaseImages.Busybox} and what the build made in it, "
        + $"not this machine's other images: build it there first (docker build -t {image} . in a sh step on the agent), or run the stage on this machine's engine (agent {{ docker {{ image '{image}' }} }}).";

    public async Task<ImageInspectResponse?> TryInspectAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            return await engine.Client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private static string Qualify(string image, string? registryUrl)
    {
        if (string.IsNullOrWhiteSpace(registryUrl))
        {
            return image;
        }

        var host = registryUrl.Contains("://", StringComparison.Ordinal) ? new Uri(registryUrl).Authority : registryUrl.TrimEnd('/');
        var first = image.Split('/')[0];
        var hasRegistry = image.Contains('/', StringComparison.Ordinal) && (first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost");
        return hasRegistry ? image : $"{host}/{image}";
    }

    internal static (string Name, string Tag) SplitTag(string reference)
    {
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return (reference[..at], reference[(at + 1)..]);
        }

        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? (reference[..colon], reference[(colon + 1)..]) : (reference, "latest");
    }

    private static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).TrimEnd('.');
}
