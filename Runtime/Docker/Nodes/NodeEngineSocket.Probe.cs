using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Ownership;
using ContainerCd.Runtime.Docker.PassThrough;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>
/// Never the wrong engine: the engine that answers through the socket, seen from a container on the node (the CLI's
/// <c>docker info</c>, as root, no network), must be the one this machine reaches at the node's endpoint (<c>GET /info</c>):
/// the same engine ID. A mistaken path (this machine's /var/run/docker.sock for a node on this machine, another engine's
/// socket) would hand builds an engine their user does not think they use.
/// </summary>
internal sealed partial class NodeEngineSocket
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Null when the socket answers as the node's engine; else why it is not given (the end of a sentence naming the socket).</summary>
    private async Task<string?> ProbeAsync(DockerEngine node, string image, string cliFolder, CancellationToken cancellationToken)
    {
        var expected = await node.Client.System.GetSystemInfoAsync(cancellationToken).ConfigureAwait(false);
        CreateContainerResponse probe;
        try
        {
            probe = await node.Client.Containers.CreateContainerAsync(new CreateContainerParameters
            {
                Image = image,
                Entrypoint = [EnginePassThrough.ContainerCli],
                Cmd = ["info", "--format", "{{.ID}}|{{.Name}}"],
                User = "0:0",
                Labels = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [ResourceLabels.Managed] = "true",
                    [ResourceLabels.Owner] = OwnerIdentity.Current.ToString(),
                    [ResourceLabels.Role] = CliRole,
                },
                HostConfig = new HostConfig { NetworkMode = "none", Mounts = Mounts(cliFolder) },
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException e) when (IsMissingBindSource(e))
        {
            return $"is not there on the node (it has no such file){Expected(expected)}";
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            using var output = await node.Client.Containers.AttachContainerAsync(probe.ID, new ContainerAttachParameters { Stream = true, Stdout = true, Stderr = true }, timeout.Token)
                .ConfigureAwait(false);
            await node.Client.Containers.StartContainerAsync(probe.ID, new ContainerStartParameters(), timeout.Token).ConfigureAwait(false);
            var (stdout, stderr) = await output.ReadOutputToEndAsync(timeout.Token).ConfigureAwait(false);
            var exit = await node.Client.Containers.WaitContainerAsync(probe.ID, timeout.Token).ConfigureAwait(false);
            var answer = stdout.Trim().Split('|', 2);
            if (exit.StatusCode != 0 || answer.Length != 2)
            {
                return $"does not answer as a Docker engine from a container on the node ({OneLine(stderr + stdout)}){Expected(expected)}";
            }

            return answer[0] == expected.ID
                ? null
                : $"is not that node's Docker engine: through it answers the engine '{answer[1]}' (ID {answer[0]}), while the node's engine at {_endpoint} is "
                    + $"'{expected.Name}' (ID {expected.ID})";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"gave no answer within {ProbeTimeout.TotalSeconds} s from a container on the node{Expected(expected)}";
        }
        finally
        {
            await node.Client.Containers.RemoveContainerAsync(probe.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private string Expected(SystemInfoResponse expected) => $"; the node's engine at {_endpoint} is '{expected.Name}' (ID {expected.ID})";

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length == 0 ? "no output" : line.Length > 300 ? line[..300] + "..." : line;
    }
}
