namespace ContainerCd.Runtime.Docker.Images;

/// <summary>The names of the base images <c>containercd images bootstrap</c> builds locally, with no registry.</summary>
public static class BaseImages
{
    /// <summary>busybox from Debian's busybox-static: sh and the usual tools in 2 MB.</summary>
    public const string Busybox = "containercd/busybox:latest";

    /// <summary>A Debian bookworm minbase rootfs made by debootstrap (only with <c>--debian</c>).</summary>
    public const string Debian = "containercd/debian:bookworm";

    /// <summary>
    /// The isolated Docker engine of <c>docker: isolated</c> agents: <see cref="Debian"/> with Debian's docker.io,
    /// iptables and ca-certificates (only with <c>--isolated</c>, or on first use); its containers get their program from <see cref="Isolated.EngineScript"/>.
    /// </summary>
    public const string IsolatedEngine = "containercd/dind:bookworm";
}
