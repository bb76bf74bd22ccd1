using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Engine;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Images;

/// <summary>
/// Copies an image from this machine's engine to a remote node that lacks it, as <c>docker save IMAGE | docker -H NODE load</c>
/// does (GET /images/{name}/get streamed into POST /images/load): no registry is involved. One copy of an image to
/// a node runs at a time; builds that need it meanwhile wait for that copy.
/// </summary>
internal sealed class ImageTransfer(DockerEngine source, DockerEngine target, string nodeName)
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    public static async Task<bool> IsOnAsync(DockerEngine engine, string image, CancellationToken cancellationToken) =>
        await new ImageResolver(engine).TryInspectAsync(image, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>
    /// Copies the image unless the target has it as the source has it (or has it, when the source does not); returns the
    /// source's ID of the image the target now has (the target's own when the source has none). <paramref name="knownOnTarget"/>,
    /// that ID as an earlier call returned it, spares asking the target while the source's image is still that one.
    /// </summary>
    public async Task<string> EnsureAsync(string image, string? knownOnTarget, IShellOutput log, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd($"{target.Endpoint.Uri}|{image}", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var local = await new ImageResolver(source).TryInspectAsync(image, cancellationToken).ConfigureAwait(false);
            if (knownOnTarget is not null && (local is null || local.ID == knownOnTarget))
            {
                return knownOnTarget;
            }

            var remote = await new ImageResolver(target).TryInspectAsync(image, cancellationToken).ConfigureAwait(false);
            if (remote is not null && (local is null || remote.ID == local.ID))
            {
                return local?.ID ?? remote.ID;
            }

            if (local is null)
            {
                throw new AgentStartException($"Image '{image}' is neither on {nodeName} nor on this machine's engine, so it cannot be copied there: build or load it here (docker build -t {image} ., docker load) and run again.");
            }

            var megabytes = (local.Size + (1 << 19)) >> 20;
            log.Write(string.Create(CultureInfo.InvariantCulture, $"Copying image {image} ({megabytes} MB) to {nodeName}\n"));
            var started = Stopwatch.GetTimestamp();
            var progress = new ProgressLog(new Quiet());
            try
            {
                await using var saved = await source.Client.Images.SaveImageAsync(image, cancellationToken).ConfigureAwait(false);
                await target.Client.Images.LoadImageAsync(new ImageLoadParameters { Quiet = true }, saved, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e)
            {
                throw new AgentStartException($"Cannot copy image '{image}' to {nodeName}: {(e.ResponseBody is { Length: > 0 } body ? body : e.Message).ReplaceLineEndings(" ").Trim()}", e);
            }

            if (progress.Error is { } error || await new ImageResolver(target).TryInspectAsync(image, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new AgentStartException($"Cannot copy image '{image}' to {nodeName}: {progress.Error ?? "the node does not list it after loading"}");
            }

            log.Write(string.Create(CultureInfo.InvariantCulture, $"Copied image {image} to {nodeName} in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s\n"));
            return local.ID;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The load's own progress lines ("Loaded image: ...") add nothing to the two lines above; errors are kept by <see cref="ProgressLog"/>.</summary>
    private sealed class Quiet : IShellOutput
    {
        public void Write(string text)
        {
        }
    }
}
