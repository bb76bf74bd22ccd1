using System.Formats.Tar;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Ownership;
using ContainerCd.Runtime.Docker.PassThrough;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Nodes;

/// <summary>
/// The docker CLI on the node: this machine's static CLI and the pass-through's labelling wrapper, in a volume of the node
/// named after them (<c>containercd-docker-cli-HASH</c>), filled once through the archive API (a container that is never
/// started holds the volume meanwhile) and kept, as a base image is: it belongs to no build and no process, so no sweep
/// takes it. A volume a containercd made before is used as it is when its last file is there. Agents bind its files from
/// its mount point on the node, read-only, where the pass-through puts them: no call per agent start.
/// </summary>
internal sealed partial class NodeEngineSocket
{
    private const string CliFile = "docker";
    private const string WrapperFile = "wrapper";

    /// <summary>Written last: a volume that has it is complete.</summary>
    private const string CompleteFile = "complete";

    private const string HelperMount = "/containercd-docker-cli";

    /// <summary>The <see cref="ResourceLabels.Role"/> of the CLI's volume on a node.</summary>
    public const string CliRole = "docker-cli";

    /// <summary>How many times this process filled a CLI volume (each is an archive PUT of the CLI): the benchmark's and tests' check.</summary>
    public int CliUploads => Volatile.Read(ref _cliUploads);

    private int _cliUploads;

    /// <summary>Makes (or finds) the node's CLI volume, filling it when it is not complete or <paramref name="force"/>; its folder on the node.</summary>
    private async Task<string> FillCliVolumeAsync(DockerEngine node, string image, string cli, CancellationToken cancellationToken, bool force = false)
    {
        var wrapper = Encoding.UTF8.GetBytes(EnginePassThrough.WrapperScript);
        var name = "containercd-docker-cli-" + Hash(cli, wrapper);
        var volume = await node.Client.Volumes.CreateAsync(new VolumesCreateParameters
        {
            Name = name,
            Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [ResourceLabels.Managed] = "true", [ResourceLabels.Role] = CliRole },
        }, cancellationToken).ConfigureAwait(false);
        var helper = await node.Client.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = image,
            Entrypoint = [EnginePassThrough.ContainerCli],
            Labels = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [ResourceLabels.Managed] = "true",
                [ResourceLabels.Owner] = OwnerIdentity.Current.ToString(),
                [ResourceLabels.Role] = CliRole,
            },
            HostConfig = new HostConfig { NetworkMode = "none", Mounts = [new Mount { Type = "volume", Source = name, Target = HelperMount }] },
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            if (force || !await IsCompleteAsync(node, helper.ID, cancellationToken).ConfigureAwait(false))
            {
                using var tar = await ArchiveAsync(cli, wrapper, cancellationToken).ConfigureAwait(false);
                await node.Client.Containers.ExtractArchiveToContainerAsync(helper.ID, new CopyToContainerParameters { Path = HelperMount, AllowOverwriteDirWithFile = true }, tar, cancellationToken)
                    .ConfigureAwait(false);
                Interlocked.Increment(ref _cliUploads);
            }
        }
        finally
        {
            await node.Client.Containers.RemoveContainerAsync(helper.ID, new ContainerRemoveParameters { Force = true }, CancellationToken.None).ConfigureAwait(false);
        }

        return volume.Mountpoint;
    }

    private static async Task<bool> IsCompleteAsync(DockerEngine node, string helper, CancellationToken cancellationToken)
    {
        try
        {
            await node.Client.Containers.GetArchiveFromContainerAsync(helper, new ContainerPathStatParameters { Path = $"{HelperMount}/{CompleteFile}" }, true, cancellationToken)
                .ConfigureAwait(false);
            return true;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>The CLI and the wrapper (mode 755) and, last, the mark that the volume is complete.</summary>
    private static async Task<MemoryStream> ArchiveAsync(string cli, byte[] wrapper, CancellationToken cancellationToken)
    {
        var tar = new MemoryStream();
        await using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
        {
            const UnixFileMode executable = (UnixFileMode)0b111_101_101;
            await using (var cliStream = File.OpenRead(cli))
            {
                await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, CliFile) { Mode = executable, DataStream = cliStream }, cancellationToken).ConfigureAwait(false);
            }

            using var wrapperStream = new MemoryStream(wrapper);
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, WrapperFile) { Mode = executable, DataStream = wrapperStream }, cancellationToken).ConfigureAwait(false);
            using var none = new MemoryStream();
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, CompleteFile) { Mode = (UnixFileMode)0b110_100_100, DataStream = none }, cancellationToken).ConfigureAwait(false);
        }

        tar.Position = 0;
        return tar;
    }

    /// <summary>What names the volume: the CLI (its size and time: hashing 40 MB on every start is not needed to tell two builds of it apart) and the wrapper's text.</summary>
    private static string Hash(string cli, byte[] wrapper)
    {
        var file = new FileInfo(cli);
        var identity = string.Create(CultureInfo.InvariantCulture, $"{file.Length}:{file.LastWriteTimeUtc.Ticks}:");
        var bytes = Encoding.UTF8.GetBytes(identity).Concat(wrapper).ToArray();
        return Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
    }
}
