using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Scm;
using ContainerCd.Server.Webhooks;

namespace ContainerCd.Server.Repositories;

/// <summary>The config file's credentials as git and webhooks use them.</summary>
internal static class GitCredentials
{
    /// <summary>A fetch credential: usernamePassword (http(s)) or sshUserPrivateKey (ssh); a missing or other one fails with what is wrong.</summary>
    public static GitCredential? Fetch(RuntimeConfig config, string? id, string usedBy)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (id is null)
        {
            return null;
        }

        var credential = config.Credentials.FirstOrDefault(c => c.Id == id)
            ?? throw new GitException($"{usedBy} {id}: no such credential in the config file");
        return credential.Type switch
        {
            "usernamePassword" => new GitCredential(id, credential.Username, credential.Password),
            "sshUserPrivateKey" => new GitCredential(id, credential.Username, null, credential.PrivateKey ?? string.Empty, credential.Passphrase),
            _ => throw new GitException($"{usedBy} {id}: a {credential.Type} credential; git needs usernamePassword (http) or sshUserPrivateKey (ssh)"),
        };
    }

    /// <summary>A webhook secret: the value of the secret-text credential <paramref name="id"/>, or null when there is none such.</summary>
    public static SecretText? WebhookSecret(RuntimeConfig config, string? id)
    {
        ArgumentNullException.ThrowIfNull(config);
        return id is not null && config.Credentials.FirstOrDefault(c => c.Id == id) is { Type: "string" or "secretText" or "text", Secret: { Length: > 0 } secret }
            ? new SecretText(secret)
            : null;
    }
}
