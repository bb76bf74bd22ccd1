using System.Collections.Concurrent;
using System.Net;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Images;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker;

/// <summary>
/// A remote node's images (<see cref="DockerAgentOptions.ImageSource"/>): an image copied to the node or found there is
/// remembered with its ID, so a later agent of the same image asks this machine's engine only (is its image still that
/// one?) and not the node. A node that lost the image since (removed, its data root reset) refuses the container's
/// creation with "No such image": the image is then looked up and copied again, and the creation tried once more.
/// </summary>
public sealed partial class DockerAgentProvider
{
    /// <summary>Image reference → its ID, as last seen on the node (remote nodes only).</summary>
    private readonly ConcurrentDictionary<string, string> _onNode = new(StringComparer.Ordinal);

    private string NodeName => _options.NodeName ?? _engine.Endpoint.Uri.ToString();

    /// <summary>
    /// Makes sure the node has <paramref name="image"/> as this machine's engine has it; with <paramref name="resolve"/> (an
    /// image by name) it is pulled here first when neither has it, or always with alwaysPull.
    /// </summary>
    private async Task EnsureOnNodeAsync(DockerEngine source, string image, Func<Task>? resolve, bool alwaysPull, IShellOutput log, CancellationToken cancellationToken)
    {
        _onNode.TryGetValue(image, out var known);
        if (resolve is not null && (alwaysPull || (known is null && !await ImageTransfer.IsOnAsync(_engine, image, cancellationToken).ConfigureAwait(false))))
        {
            await resolve().ConfigureAwait(false);
        }

        _onNode[image] = await new ImageTransfer(source, _engine, NodeName).EnsureAsync(image, alwaysPull ? null : known, log, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Creates the agent's container; on a node that lost a remembered image, copies it again and tries once more, and on one
    /// that lost the docker CLI's volume (<paramref name="remakeCli"/>: the node's engine socket is given), makes it again.
    /// </summary>
    private async Task<CreateContainerResponse> CreateContainerAsync(CreateContainerParameters parameters, Func<Task>? ensureOnNode, Func<Task>? remakeCli, CancellationToken cancellationToken)
    {
        for (var retried = false; ; retried = true)
        {
            try
            {
                return await _engine.Client.Containers.CreateContainerAsync(parameters, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e) when (!retried && e.StatusCode == HttpStatusCode.NotFound && ensureOnNode is not null && _onNode.TryRemove(parameters.Image, out _))
            {
                await ensureOnNode().ConfigureAwait(false);
            }
            catch (DockerApiException e) when (!retried && remakeCli is not null && Nodes.NodeEngineSocket.IsMissingBindSource(e))
            {
                await remakeCli().ConfigureAwait(false);
            }
            catch (DockerApiException e)
            {
                throw new AgentStartException($"Cannot create the agent container from '{parameters.Image}': {OneLine(e)}", e);
            }
        }
    }
}
