namespace ContainerCd.Runtime.Pipeline.Configuration;

/// <summary>
/// The registry builds push to (the config's <c>registry:</c> section): by default the local registry on
/// <c>127.0.0.1:5000</c>, which ContainerCd starts when a build needs it. An address that is not on this machine, or
/// any address with <see cref="CredentialsId"/>, is another registry: ContainerCd only uses it and never starts one.
/// </summary>
public sealed record RegistrySettings(string Address)
{
    public const string DefaultAddress = "127.0.0.1:5000";

    public static RegistrySettings Default { get; } = new(DefaultAddress);

    /// <summary>The usernamePassword credential to log in to another registry with; null for the local one.</summary>
    public string? CredentialsId { get; init; }

    /// <summary>The host of <see cref="Address"/> (<c>127.0.0.1</c>, <c>localhost</c>, <c>registry.example.com</c>).</summary>
    public string Host => Address[..Separator];

    /// <summary>The port of <see cref="Address"/>.</summary>
    public int Port => int.Parse(Address[(Separator + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether this is the local registry ContainerCd starts: a loopback address and no credentials.</summary>
    public bool IsLocal => CredentialsId is null && Host is "127.0.0.1" or "localhost";

    private int Separator => Address.LastIndexOf(':');

    /// <summary>Whether <paramref name="address"/> is <c>host:port</c> with a port of 1 to 65535.</summary>
    public static bool IsValidAddress(string address)
    {
        var separator = address.LastIndexOf(':');
        return separator > 0
            && !address.Contains('/', StringComparison.Ordinal)
            && int.TryParse(address[(separator + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port)
            && port is > 0 and < 65536;
    }
}
