namespace ContainerCd.Runtime.Scm;

/// <summary>
/// What a fetch authenticates with: a user name and password (or token) for HTTP(S), or a private key (with its
/// user and passphrase) for SSH. Built from the config's <c>usernamePassword</c> and <c>sshUserPrivateKey</c>
/// credentials; never written to a log.
/// </summary>
public sealed record GitCredential(string Id, string? Username, string? Password, string? PrivateKey = null, string? Passphrase = null)
{
    public bool IsSshKey => PrivateKey is not null;

    /// <summary>No credential values: records print their id only.</summary>
    public override string ToString() => "GitCredential " + Id;
}
