namespace ContainerCd.Runtime.Delivery.Registry;

/// <summary>
/// The registry builds push to, as the config names it (<c>registry:</c>): the local one on <c>127.0.0.1:5000</c>
/// (Debian's docker-registry, data under <c>HOME/registry</c>) is started on demand and outlives the build that
/// started it; another registry is only used. Delivery steps that push or pull call <see cref="EnsureRunningAsync"/>.
/// </summary>
public interface ILocalRegistry
{
    /// <summary>The address images are named with (<c>127.0.0.1:5000/shop:1</c>).</summary>
    string Address { get; }

    /// <summary>
    /// Makes sure the local registry answers, starting it when nothing does (one process, however many builds ask
    /// at once, in this process or another on the same home). Throws <see cref="LocalRegistryException"/> saying why
    /// when it cannot be started. Starts nothing for another registry.
    /// </summary>
    Task<RegistryStart> EnsureRunningAsync(CancellationToken cancellationToken);

    /// <summary>What the registry is and whether it answers now.</summary>
    Task<RegistryStatus> GetStatusAsync(CancellationToken cancellationToken);
}

/// <summary>What <see cref="ILocalRegistry.EnsureRunningAsync"/> did.</summary>
public enum RegistryStart
{
    /// <summary>The local registry already answered.</summary>
    AlreadyRunning,

    /// <summary>This call started the local registry.</summary>
    Started,

    /// <summary>The config names another registry: nothing is started.</summary>
    NotManaged,
}

/// <summary>
/// The registry: its address, whether ContainerCd manages it (the local one) or only uses it, whether it answers,
/// and for the local one where its data is and the process that serves it.
/// </summary>
public sealed record RegistryStatus(string Address, bool Managed, bool Running, string? DataDirectory, int? ProcessId, string? CredentialsId);

/// <summary>The local registry cannot be started; the message says why.</summary>
public sealed class LocalRegistryException : Exception
{
    public LocalRegistryException(string message)
        : base(message)
    {
    }

    public LocalRegistryException()
    {
    }

    public LocalRegistryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
