using ContainerCd.Runtime.Agents;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Pipeline.Files;

namespace ContainerCd.Runtime.Pipeline.Steps;

/// <summary>
/// Binds credentials to environment variables as the Credentials Binding plugin does: secret text, a
/// username and password (also <c>_USR</c>/<c>_PSW</c> for <c>credentials()</c>), a secret file or an
/// SSH key written to a temporary file in <c>WORKSPACE@tmp/secretFiles</c> (where Jenkins writes them; Docker
/// agents mount that directory at the same path, so the file is readable where the variable says in any
/// agent) and removed when the binding ends. Every bound value is added to the build's secret masker. A file credential
/// on a remote node is refused by name: its file would be written on this server, where the node's steps cannot read it.
/// </summary>
public sealed class CredentialBinder : IDisposable
{
    private readonly BuildContext _build;
    private readonly List<string> _tempDirectories = [];

    public CredentialBinder(BuildContext build)
    {
        _build = build;
    }

    public Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    public CredentialDefinition Find(string id) => Find(_build, id);

    /// <summary>The build's credential with this id, or the step's failure in Jenkins' words.</summary>
    public static CredentialDefinition Find(BuildContext build, string id)
    {
        ArgumentNullException.ThrowIfNull(build);
        return build.Request.Config.Credentials.FirstOrDefault(c => c.Id == id)
            ?? throw StepErrors.Abort($"Could not find credentials entry with ID '{id}'");
    }

    /// <summary>The <c>credentials('id')</c> helper of environment {}: VAR (and VAR_USR/VAR_PSW for a username and password).</summary>
    public void BindEnvironment(string variable, string id, NodeContext? node)
    {
        var credential = Find(id);
        switch (credential.Type)
        {
            case "string" or "secretText" or "text":
                Secret(variable, credential.Secret ?? string.Empty);
                break;
            case "usernamePassword":
                Secret(variable, $"{credential.Username}:{credential.Password}");
                Secret(variable + "_USR", credential.Username ?? string.Empty);
                Secret(variable + "_PSW", credential.Password ?? string.Empty);
                break;
            case "file" or "secretFile":
                Secret(variable, WriteTemp(node, $"credentials('{id}')", credential.FileName ?? id, credential.Content ?? credential.Secret ?? string.Empty));
                break;
            case "sshUserPrivateKey":
                Secret(variable, WriteTemp(node, $"credentials('{id}')", id + ".key", credential.PrivateKey ?? string.Empty));
                Secret(variable + "_USR", credential.Username ?? string.Empty);
                if (credential.Passphrase is { Length: > 0 } passphrase)
                {
                    Secret(variable + "_PSW", passphrase);
                }

                break;
            default:
                throw StepErrors.Abort($"No suitable binding handler could be found for type {JavaType(credential.Type)}. Supported types are StringCredentials,FileCredentials,StandardUsernamePasswordCredentials,SSHUserPrivateKey.");
        }
    }

    /// <summary>One binding of withCredentials: string, usernamePassword, usernameColonPassword, file, sshUserPrivateKey.</summary>
    public void Bind(DescribableValue binding, NodeContext? node)
    {
        var id = binding.GetString("credentialsId") ?? throw StepErrors.Abort($"{binding.Symbol} needs a credentialsId");
        var credential = Find(id);
        switch (binding.Symbol)
        {
            case "string":
                Secret(Required(binding, "variable"), credential.Secret ?? string.Empty);
                break;
            case "usernamePassword":
                Secret(Required(binding, "usernameVariable"), credential.Username ?? string.Empty);
                Secret(Required(binding, "passwordVariable"), credential.Password ?? string.Empty);
                break;
            case "usernameColonPassword":
                Secret(Required(binding, "variable"), $"{credential.Username}:{credential.Password}");
                break;
            case "file":
                Secret(Required(binding, "variable"), WriteTemp(node, $"withCredentials' {binding.Symbol}(credentialsId: '{id}')", credential.FileName ?? id, credential.Content ?? credential.Secret ?? string.Empty));
                break;
            case "sshUserPrivateKey":
                Secret(Required(binding, "keyFileVariable"), WriteTemp(node, $"withCredentials' {binding.Symbol}(credentialsId: '{id}')", id + ".key", credential.PrivateKey ?? string.Empty));
                if (binding.GetString("usernameVariable") is { } user)
                {
                    Secret(user, credential.Username ?? string.Empty);
                }

                if (binding.GetString("passphraseVariable") is { } passphrase)
                {
                    Secret(passphrase, credential.Passphrase ?? string.Empty);
                }

                break;
            default:
                throw StepErrors.Abort($"The credentials binding '{binding.Symbol}' is not supported; use string, usernamePassword, usernameColonPassword, file or sshUserPrivateKey");
        }
    }

    public void Dispose()
    {
        foreach (var directory in _tempDirectories)
        {
            try
            {
                Directory.Delete(directory, true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file a step added as another user: the workspace's own cleanup takes it.
            }
        }
    }

    private static string Required(DescribableValue binding, string name) =>
        binding.GetString(name) ?? throw StepErrors.Abort($"{binding.Symbol} needs {name}");

    private void Secret(string variable, string value)
    {
        Variables[variable] = value;
        _build.Sink.Masker.Add(value);
    }

    /// <param name="node">Where the binding's steps run; null outside a node (the file goes under the home's tmp folder).</param>
    /// <param name="binding">The binding, as the refusal names it.</param>
    private string WriteTemp(NodeContext? node, string binding, string name, string content)
    {
        if (node?.Agent.Engine == AgentEngine.RemoteNode)
        {
            throw StepErrors.Abort($"{binding} cannot be bound on the remote node '{node.NodeName}': its file would be written on this server, "
                + "where the node's steps cannot read it (file credentials on remote nodes are not supported yet). "
                + "Bind it in a stage on this server, or use a string or usernamePassword credential there");
        }

        var workspace = node?.Workspace ?? Path.Combine(_build.Request.Home, "tmp");
        var directory = Path.Combine(workspace + "@tmp", "secretFiles", Guid.NewGuid().ToString());
        Directory.CreateDirectory(directory);
        _tempDirectories.Add(directory);
        var path = Path.Combine(directory, Path.GetFileName(name));
        SecretFile.Write(path, content);
        return path;
    }

    private static string JavaType(string type) => type switch
    {
        "certificate" => "com.cloudbees.plugins.credentials.impl.CertificateCredentialsImpl",
        _ => type,
    };
}
