using System.Diagnostics;
using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Engine;
using ContainerCd.Runtime.Docker.Ownership;
using Docker.DotNet;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Images;

/// <summary>
/// Builds the local base images with no registry: <see cref="BaseImages.Busybox"/> from the host's
/// static busybox (Debian's busybox-static, installed with apt when missing and allowed), and
/// <see cref="BaseImages.Debian"/> from a debootstrap rootfs, <see cref="BaseImages.IsolatedEngine"/> from that (see the partial file). Idempotent: an image whose input hash label
/// matches is left as is.
/// </summary>
public sealed partial class BaseImageBootstrapper(DockerEngine engine)
{
    private const string BusyboxDockerfile = """
        FROM scratch
        COPY busybox /bin/busybox
        RUN ["/bin/busybox", "--install", "-s", "/bin"]
        RUN ["/bin/sh", "-c", "mkdir -p /tmp /root /etc /usr/local/bin /var/run && chmod 1777 /tmp && echo 'root:x:0:0:root:/root:/bin/sh' > /etc/passwd && echo 'root:x:0:' > /etc/group"]
        ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
        CMD ["sh"]

        """;

    public const string DefaultMirror = "http://deb.debian.org/debian";

    private static readonly string[] BusyboxLocations = ["/bin/busybox", "/usr/bin/busybox"];

    /// <summary>What happened to one image.</summary>
    public sealed record Outcome(string Image, bool Built, string Detail);

    public async Task<Outcome> BusyboxAsync(IShellOutput log, bool installMissing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        var busybox = BusyboxLocations.FirstOrDefault(File.Exists);
        if (busybox is null && installMissing)
        {
            log.Write("busybox not found: installing Debian's busybox-static with apt-get\n");
            await RunAsync("apt-get", ["install", "-y", "--no-install-recommends", "busybox-static"], log, cancellationToken).ConfigureAwait(false);
            busybox = BusyboxLocations.FirstOrDefault(File.Exists);
        }

        if (busybox is null)
        {
            throw new AgentStartException("No busybox binary on this machine (/bin/busybox): install it with 'apt-get install -y busybox-static', then run 'containercd images bootstrap' again.");
        }

        var binary = await File.ReadAllBytesAsync(busybox, cancellationToken).ConfigureAwait(false);
        var hash = Convert.ToHexStringLower(SHA256.HashData([.. binary, .. Encoding.UTF8.GetBytes(BusyboxDockerfile)]));
        if (await HasHashAsync(BaseImages.Busybox, hash, cancellationToken).ConfigureAwait(false))
        {
            return new Outcome(BaseImages.Busybox, false, "up to date");
        }

        using var context = new MemoryStream();
        await using (var tar = new TarWriter(context, TarEntryFormat.Pax, leaveOpen: true))
        {
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(BusyboxDockerfile)) }, cancellationToken).ConfigureAwait(false);
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "busybox") { DataStream = new MemoryStream(binary), Mode = (UnixFileMode)0b111_101_101 }, cancellationToken).ConfigureAwait(false);
        }

        context.Position = 0;
        var progress = new ProgressLog(log);
        await engine.Client.Images.BuildImageFromDockerfileAsync(new ImageBuildParameters
        {
            Tags = [BaseImages.Busybox],
            Labels = Labels(hash),
            Remove = true,
            ForceRemove = true,
        }, context, null, null, progress, cancellationToken).ConfigureAwait(false);
        if (progress.Error is not null)
        {
            throw new AgentStartException($"Building {BaseImages.Busybox} failed: {progress.Error}");
        }

        return new Outcome(BaseImages.Busybox, true, $"built from {busybox}");
    }

    /// <summary>A Debian bookworm minbase image from debootstrap (needs debootstrap and Debian's package mirror; several minutes).</summary>
    public async Task<Outcome> DebianAsync(IShellOutput log, string mirror, bool installMissing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        const string Suite = "bookworm";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"debootstrap --variant=minbase {Suite} {mirror}")));
        if (await HasHashAsync(BaseImages.Debian, hash, cancellationToken).ConfigureAwait(false))
        {
            return new Outcome(BaseImages.Debian, false, "up to date");
        }

        if (!File.Exists("/usr/sbin/debootstrap") && installMissing)
        {
            log.Write("debootstrap not found: installing it with apt-get\n");
            await RunAsync("apt-get", ["install", "-y", "--no-install-recommends", "debootstrap"], log, cancellationToken).ConfigureAwait(false);
        }

        if (!File.Exists("/usr/sbin/debootstrap"))
        {
            throw new AgentStartException("debootstrap is not installed: install it with 'apt-get install -y debootstrap', then run 'containercd images bootstrap --debian' again.");
        }

        var rootfs = Directory.CreateTempSubdirectory("containercd-debootstrap-").FullName;
        try
        {
            await RunAsync("/usr/sbin/debootstrap", ["--variant=minbase", Suite, rootfs, mirror], log, cancellationToken).ConfigureAwait(false);
            using var tar = Process.Start(new ProcessStartInfo("tar", ["-C", rootfs, "--numeric-owner", "-cf", "-", "."]) { RedirectStandardOutput = true, UseShellExecute = false })
                ?? throw new AgentStartException("Cannot run tar to import the Debian rootfs.");
            var progress = new ProgressLog(log);
            await engine.Client.Images.CreateImageAsync(
                new ImagesCreateParameters { FromSrc = "-", Repo = BaseImages.Debian.Split(':')[0], Tag = Suite, Changes = ["CMD [\"bash\"]", $"LABEL {ResourceLabels.Managed}=true {ResourceLabels.Role}=base-image {ResourceLabels.InputHash}={hash}"] },
                tar.StandardOutput.BaseStream, null, progress, cancellationToken).ConfigureAwait(false);
            await tar.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (progress.Error is not null || tar.ExitCode != 0)
            {
                throw new AgentStartException($"Importing the Debian rootfs as {BaseImages.Debian} failed: {progress.Error ?? $"tar exited with {tar.ExitCode}"}");
            }
        }
        finally
        {
            await RunAsync("rm", ["-rf", rootfs], log, CancellationToken.None, quiet: true).ConfigureAwait(false);
        }

        return new Outcome(BaseImages.Debian, true, $"debootstrap {Suite} from {mirror}");
    }

    private static Dictionary<string, string> Labels(string hash) => new(StringComparer.Ordinal)
    {
        [ResourceLabels.Managed] = "true",
        [ResourceLabels.Role] = "base-image",
        [ResourceLabels.InputHash] = hash,
    };

    private async Task<bool> HasHashAsync(string image, string hash, CancellationToken cancellationToken)
    {
        try
        {
            var found = await engine.Client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
            return found.Config?.Labels is { } labels && labels.TryGetValue(ResourceLabels.InputHash, out var existing) && existing == hash;
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static async Task RunAsync(string file, string[] arguments, IShellOutput log, CancellationToken cancellationToken, bool quiet = false)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = Process.Start(start) ?? throw new AgentStartException($"Cannot run {file}.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null && !quiet) { log.Write(e.Data + "\n"); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null && !quiet) { log.Write(e.Data + "\n"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new AgentStartException($"{file} {string.Join(' ', arguments)} failed with exit code {process.ExitCode} (see the output above).");
        }
    }
}
