using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;
using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Docker.Isolated;
using Docker.DotNet.Models;

namespace ContainerCd.Runtime.Docker.Images;

public sealed partial class BaseImageBootstrapper
{
    private const string IsolatedEngineDockerfile = $$"""
        FROM {{BaseImages.Debian}}
        RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io iptables ca-certificates >/dev/null \
         && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
        VOLUME {{EngineScript.DataRoot}}

        """;

    /// <summary>
    /// The isolated engine's image: <see cref="BaseImages.Debian"/> (built first when missing) with Debian's
    /// docker.io from the package mirror, no registry. Rebuilt when the Debian image or the Dockerfile change; the
    /// program its containers run (<see cref="EngineScript"/>) is given when they are created, so it is not in it.
    /// </summary>
    public async Task<Outcome> IsolatedEngineAsync(IShellOutput log, string mirror, bool installMissing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        await DebianAsync(log, mirror, installMissing, cancellationToken).ConfigureAwait(false);
        var debian = await engine.Client.Images.InspectImageAsync(BaseImages.Debian, cancellationToken).ConfigureAwait(false);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(debian.ID + "\n" + IsolatedEngineDockerfile)));
        if (await HasHashAsync(BaseImages.IsolatedEngine, hash, cancellationToken).ConfigureAwait(false))
        {
            return new Outcome(BaseImages.IsolatedEngine, false, "up to date");
        }

        using var context = new MemoryStream();
        await using (var tar = new TarWriter(context, TarEntryFormat.Pax, leaveOpen: true))
        {
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "Dockerfile") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(IsolatedEngineDockerfile)) }, cancellationToken).ConfigureAwait(false);
        }

        context.Position = 0;
        log.Write($"Building {BaseImages.IsolatedEngine}: Debian's docker.io on {BaseImages.Debian}\n");
        var progress = new ProgressLog(log);
        await engine.Client.Images.BuildImageFromDockerfileAsync(new ImageBuildParameters
        {
            Tags = [BaseImages.IsolatedEngine],
            Labels = Labels(hash),
            Remove = true,
            ForceRemove = true,
        }, context, null, null, progress, cancellationToken).ConfigureAwait(false);
        if (progress.Error is not null)
        {
            throw new AgentStartException($"Building {BaseImages.IsolatedEngine} failed: {progress.Error}");
        }

        return new Outcome(BaseImages.IsolatedEngine, true, $"docker.io from {mirror} on {BaseImages.Debian}");
    }
}
