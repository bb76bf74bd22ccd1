using System.Collections.Immutable;
using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ContainerCd.Runtime.Pipeline.Configuration;

/// <summary>
/// Reads the YAML config file (agents, engines, node, credentials, tools, libraries, noopSteps, mail, slack, mattermost, registry). Paths are
/// relative to the file. Mistakes are reported as <see cref="ConfigException"/> with the file, line and
/// column; sections other components own (jobs) are left to them.
/// </summary>
public static class ConfigLoader
{
    private static readonly HashSet<string> Sections = new(StringComparer.Ordinal) { "agents", "engines", "node", "credentials", "tools", "libraries", "noopSteps", "mail", "slack", "mattermost", "registry", "jobs", "server" };

    public static RuntimeConfig Load(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new ConfigException($"{path}: the config file does not exist");
        }

        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"{path}: the config file cannot be read: {e.Message}", e);
        }

        return Parse(text, fullPath);
    }

    public static RuntimeConfig Parse(string text, string path)
    {
        if (ReadRoot(text, path) is not { } root)
        {
            return RuntimeConfig.Empty;
        }

        var baseDirectory = Path.GetDirectoryName(path) ?? ".";
        var reader = new Reader(path);
        var config = RuntimeConfig.Empty;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = reader.Scalar(keyNode);
            if (!Sections.Contains(key))
            {
                throw reader.Error(keyNode, $"unknown section '{key}' (expected {string.Join(", ", Sections.Order(StringComparer.Ordinal))})");
            }

            config = key switch
            {
                "agents" => config with { Agents = [.. reader.Sequence(value).Select(reader.Agent)] },
                "engines" => config with { Engines = reader.Engines(value) },
                "node" => config with { NodeEnvironment = reader.Strings(reader.Mapping(value).Children.FirstOrDefault(c => reader.Scalar(c.Key) == "env").Value) },
                "credentials" => config with { Credentials = [.. reader.Sequence(value).Select(reader.Credential)] },
                "tools" => config with { Tools = [.. reader.Sequence(value).Select(n => reader.Tool(n, baseDirectory))] },
                "libraries" => config with { Libraries = [.. reader.Sequence(value).Select(n => reader.Library(n, baseDirectory))] },
                "noopSteps" => config with { NoopSteps = [.. reader.Sequence(value).Select(reader.Scalar)] },
                "mail" => config with { Mail = reader.Mail(value) },
                "slack" => config with { Slack = reader.Chat(value, "slack") },
                "mattermost" => config with { Mattermost = reader.Chat(value, "mattermost") },
                "registry" => config with { Registry = reader.Registry(value) },
                _ => config,
            };
        }

        reader.CheckEngineCredentials(config);
        return config;
    }

    /// <summary>
    /// The top-level mapping of a YAML config file (null when the file holds no document). Whatever is
    /// wrong with the text is a <see cref="ConfigException"/> naming the file, line and column.
    /// </summary>
    public static YamlMappingNode? ReadRoot(string text, string path)
    {
        var scanner = new Scanner(new StringReader(text));
        var stream = new YamlStream();
        try
        {
            stream.Load(new YamlDotNet.Core.Parser(scanner));
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{path}({e.Start.Line},{e.Start.Column}): {e.Message}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner gives up on some malformed input (an unclosed '[' before a 'key:' line) without a YamlException.
            var at = scanner.CurrentPosition;
            throw new ConfigException($"{path}({at.Line},{at.Column}): invalid YAML here (is a '[' or '{{' left unclosed?)", e);
        }

        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode switch
        {
            YamlMappingNode mapping => mapping,
            YamlScalarNode { Value: null or "" } => null,
            var other => throw new ConfigException($"{path}({other.Start.Line},{other.Start.Column}): expected sections at the top level ({string.Join(", ", Sections.Order(StringComparer.Ordinal))}), each as 'name:'"),
        };
    }

    private sealed class Reader(string path)
    {
        private readonly Dictionary<string, YamlNode> _tlsNodes = new(StringComparer.Ordinal);
        private static readonly string[] SshKeys = ["sshCredentialsId", "knownHosts"];
        private readonly Dictionary<string, YamlNode> _sshNodes = new(StringComparer.Ordinal);

        /// <summary>
        /// Each engine's tlsCredentialsId names an x509ClientCert credential whose PEM texts can be read, its sshCredentialsId an
        /// sshUserPrivateKey with a key (run, serve and lint say so alike).
        /// </summary>
        public void CheckEngineCredentials(RuntimeConfig config)
        {
            foreach (var engine in config.Engines)
            {
                if (engine.SshCredentialsId is { } sshId)
                {
                    if (EngineDefinition.CheckSshCredential(sshId, config.Credentials.FirstOrDefault(c => c.Id == sshId)) is { } problem)
                    {
                        throw Error(_sshNodes[engine.Name], $"{problem} (engine '{engine.Name}')");
                    }
                }

                if (engine.TlsCredentialsId is not { } id)
                {
                    continue;
                }

                var at = _tlsNodes[engine.Name];
                var credential = config.Credentials.FirstOrDefault(c => c.Id == id) ?? throw Error(at, $"there is no credential '{id}' in credentials: (engine '{engine.Name}')");
                if (credential is not { Type: "x509ClientCert", ClientCertificate: { } certificate, ClientKey: { } key, ServerCaCertificate: { } authority })
                {
                    throw Error(at, $"the credential '{id}' is of type {credential.Type}: an engine's tlsCredentialsId needs an x509ClientCert (clientKey, clientCertificate, serverCaCertificate)");
                }

                try
                {
                    Docker.Engine.EngineTls.FromPem(certificate, key, authority).Dispose();
                }
                catch (ArgumentException e)
                {
                    throw Error(at, $"the credential '{id}': {e.Message}");
                }
            }
        }

        public ConfigException Error(YamlNode node, string message) =>
            new($"{path}({node.Start.Line},{node.Start.Column}): {message}");

        public IEnumerable<YamlNode> Sequence(YamlNode node) =>
            node is YamlSequenceNode sequence ? sequence.Children : node is YamlScalarNode { Value: null or "" } ? [] : throw Error(node, "expected a list");

        public YamlMappingNode Mapping(YamlNode node) => node as YamlMappingNode ?? throw Error(node, "expected a mapping (key: value)");

        public string Scalar(YamlNode node) => node is YamlScalarNode scalar ? scalar.Value ?? string.Empty : throw Error(node, "expected a single value");

        public ImmutableDictionary<string, string> Strings(YamlNode? node) =>
            node is null ? ImmutableDictionary<string, string>.Empty
            : Mapping(node).Children.ToImmutableDictionary(c => Scalar(c.Key), c => Scalar(c.Value), StringComparer.Ordinal);

        private Dictionary<string, YamlNode> Fields(YamlNode node, string what, params string[] allowed)
        {
            var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            foreach (var (key, value) in Mapping(node).Children)
            {
                var name = Scalar(key);
                if (!allowed.Contains(name))
                {
                    throw Error(key, $"unknown key '{name}' in {what} (expected {string.Join(", ", allowed)})");
                }

                fields[name] = value;
            }

            return fields;
        }

        private string? Optional(Dictionary<string, YamlNode> fields, string name) => fields.TryGetValue(name, out var node) ? Scalar(node) : null;

        private string Required(Dictionary<string, YamlNode> fields, YamlNode owner, string name, string what) =>
            Optional(fields, name) ?? throw Error(owner, $"{what} needs '{name}'");

        public AgentDefinition Agent(YamlNode node)
        {
            var fields = Fields(node, "an agent", "name", "labels", "image", "args", "env", "passThroughDocker", "memory", "cpus", "docker", "cache");
            var socket = Optional(fields, "socket");
            if (socket is not null && EngineDefinition.CheckSocket(socket) is { } socketProblem)
            {
                throw Error(fields["socket"], socketProblem);
            }

            var labels = fields.TryGetValue("labels", out var labelNode)
                ? labelNode is YamlSequenceNode list ? list.Children.Select(Scalar).ToImmutableArray() : [.. Scalar(labelNode).Split(' ', StringSplitOptions.RemoveEmptyEntries)]
                : [];
            var name = Optional(fields, "name") ?? (labels.IsEmpty ? throw Error(node, "an agent needs a name or labels") : labels[0]);
            return new AgentDefinition(name, labels, Optional(fields, "image"), Strings(fields.GetValueOrDefault("env")))
            {
                Args = Optional(fields, "args"),
                PassThroughDocker = Optional(fields, "passThroughDocker") is not { } pass || !string.Equals(pass, "false", StringComparison.OrdinalIgnoreCase),
                MemoryLimitBytes = Optional(fields, "memory") is { } memory ? Bytes(memory, fields["memory"]) : null,
                Cpus = Optional(fields, "cpus") is { } cpus ? Number(cpus, fields["cpus"]) : null,
                IsolatedEngine = IsolatedEngine(fields),
                EngineCache = Optional(fields, "cache") is { } cache && Flag(cache, fields["cache"]),
            };
        }

        /// <summary><c>docker: isolated</c>: the agent's builds get a Docker engine of their own (needs an image; <c>cache</c> only there).</summary>
        private bool IsolatedEngine(Dictionary<string, YamlNode> fields)
        {
            var isolated = Optional(fields, "docker") switch
            {
                null or "host" => false,
                "isolated" => true,
                { } other => throw Error(fields["docker"], $"unknown docker '{other}' in an agent (expected isolated, or host for the host's engine)"),
            };
            if (isolated && Optional(fields, "image") is not { Length: > 0 })
            {
                throw Error(fields["docker"], "an agent with docker: isolated needs an image (its steps run in a container of it)");
            }

            if (!isolated && fields.TryGetValue("cache", out var cache))
            {
                throw Error(cache, "cache applies to an agent with docker: isolated only (the layer cache of its engine)");
            }

            return isolated;
        }

        private bool Flag(string text, YamlNode node) => text switch
        {
            "true" => true,
            "false" => false,
            _ => throw Error(node, $"'{text}' is not true or false"),
        };

        public CredentialDefinition Credential(YamlNode node)
        {
            var fields = Fields(node, "a credential", "id", "type", "secret", "username", "password", "fileName", "content", "privateKey", "passphrase", "description", "scope",
                "clientKey", "clientCertificate", "serverCaCertificate");
            var type = Optional(fields, "type") ?? "string";
            if (type is not ("string" or "secretText" or "text" or "usernamePassword" or "file" or "secretFile" or "sshUserPrivateKey" or "certificate" or "x509ClientCert"))
            {
                throw Error(fields["type"], $"unknown credential type '{type}' (expected string, usernamePassword, file, sshUserPrivateKey, certificate or x509ClientCert)");
            }

            if (type == "x509ClientCert")
            {
                foreach (var pem in new[] { "clientKey", "clientCertificate", "serverCaCertificate" })
                {
                    _ = Required(fields, node, pem, "an x509ClientCert credential");
                }
            }

            return new CredentialDefinition(Required(fields, node, "id", "a credential"), type)
            {
                Secret = Optional(fields, "secret"),
                Username = Optional(fields, "username"),
                Password = Optional(fields, "password"),
                FileName = Optional(fields, "fileName"),
                Content = Optional(fields, "content"),
                PrivateKey = Optional(fields, "privateKey"),
                Passphrase = Optional(fields, "passphrase"),
                Description = Optional(fields, "description"),
                ClientKey = Optional(fields, "clientKey"),
                ClientCertificate = Optional(fields, "clientCertificate"),
                ServerCaCertificate = Optional(fields, "serverCaCertificate"),
            };
        }

        public ImmutableArray<EngineDefinition> Engines(YamlNode node)
        {
            var engines = Sequence(node).Select(Engine).ToImmutableArray();
            foreach (var duplicate in engines.GroupBy(e => e.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                throw new ConfigException($"{path}: two engines are named '{duplicate.Key}'");
            }

            return engines;
        }

        private EngineDefinition Engine(YamlNode node)
        {
            var fields = Fields(node, "an engine", "name", "docker", "tlsCredentialsId", "sshCredentialsId", "knownHosts", "labels", "executors", "image", "env", "socket");
            var name = Required(fields, node, "name", "an engine");
            if (name is "built-in" or "master" || name.Any(c => char.IsWhiteSpace(c) || c is '/' or '&' or '|' or '!' or '(' or ')'))
            {
                throw Error(fields["name"], $"'{name}' cannot name an engine (a node name: no spaces, '/', or label operators; not built-in)");
            }

            var docker = Required(fields, node, "docker", "an engine");
            var tls = Optional(fields, "tlsCredentialsId");
            if (tls is not null)
            {
                _tlsNodes[name] = fields["tlsCredentialsId"];
            }

            if (EngineDefinition.CheckEndpoint(docker, tls is not null) is { } problem)
            {
                throw Error(fields["docker"], problem);
            }

            foreach (var key in SshKeys.Where(k => fields.ContainsKey(k) && SshEndpoint.Parse(docker, out _) is null))
            {
                throw Error(fields[key], $"{key} applies to ssh:// engines only ('{docker}' is not one)");
            }

            var sshCredentials = Optional(fields, "sshCredentialsId");
            if (sshCredentials is not null)
            {
                _sshNodes[name] = fields["sshCredentialsId"];
            }

            var executors = Optional(fields, "executors") is { } text
                ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is > 0 and <= 100 ? count : throw Error(fields["executors"], $"'{text}' is not a number of executors (1 to 100)")
                : 1;
            var socket = Optional(fields, "socket");
            if (socket is not null && EngineDefinition.CheckSocket(socket) is { } socketProblem)
            {
                throw Error(fields["socket"], socketProblem);
            }

            var labels = fields.TryGetValue("labels", out var labelNode)
                ? labelNode is YamlSequenceNode list ? list.Children.Select(Scalar).ToImmutableArray() : [.. Scalar(labelNode).Split(' ', StringSplitOptions.RemoveEmptyEntries)]
                : [];
            return new EngineDefinition(name, docker, labels)
            {
                TlsCredentialsId = tls,
                SshCredentialsId = sshCredentials,
                KnownHosts = Optional(fields, "knownHosts") is { } knownHosts ? KnownHosts(knownHosts, fields["knownHosts"]) : null,
                Executors = executors,
                Image = Optional(fields, "image") ?? EngineDefinition.DefaultImage,
                Environment = Strings(fields.GetValueOrDefault("env")),
                Socket = socket,
            };
        }

        /// <summary>known_hosts lines: each "host[,host...] keytype base64-key" (comments and blank lines allowed).</summary>
        private string KnownHosts(string text, YamlNode node)
        {
            var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
            if (lines.Count == 0)
            {
                throw Error(node, "knownHosts has no host key (known_hosts lines, as ssh-keyscan -p PORT HOST prints them)");
            }

            if (lines.FirstOrDefault(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length < 3) is { } bad)
            {
                throw Error(node, $"'{bad}' is not a known_hosts line (host keytype key, as ssh-keyscan -p PORT HOST prints them)");
            }

            return string.Join('\n', lines) + "\n";
        }

        public ToolDefinition Tool(YamlNode node, string baseDirectory)
        {
            var fields = Fields(node, "a tool", "type", "name", "home");
            return new ToolDefinition(
                Required(fields, node, "type", "a tool"),
                Required(fields, node, "name", "a tool"),
                Path.GetFullPath(Path.Combine(baseDirectory, Required(fields, node, "home", "a tool"))));
        }

        public LibraryDefinition Library(YamlNode node, string baseDirectory)
        {
            var fields = Fields(node, "a library", "name", "path", "git", "implicit", "defaultVersion");
            var library = new LibraryDefinition(Required(fields, node, "name", "a library"))
            {
                Path = Optional(fields, "path") is { } folder ? System.IO.Path.GetFullPath(System.IO.Path.Combine(baseDirectory, folder)) : null,
                GitUrl = Optional(fields, "git"),
                Implicit = string.Equals(Optional(fields, "implicit"), "true", StringComparison.OrdinalIgnoreCase),
                DefaultVersion = Optional(fields, "defaultVersion"),
            };
            return library.Path is null && library.GitUrl is null ? throw Error(node, "a library needs 'path' or 'git'") : library;
        }

        public MailSettings Mail(YamlNode node)
        {
            var fields = Fields(node, "mail", "smtpHost", "smtpPort", "from", "startTls", "credentialsId");
            var port = Optional(fields, "smtpPort") is { } text
                ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and < 65536 ? value : throw Error(fields["smtpPort"], $"'{text}' is not a port (1 to 65535)")
                : 25;
            var startTls = Optional(fields, "startTls") switch
            {
                null => false,
                { } flag when string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase) => true,
                { } flag when string.Equals(flag, "false", StringComparison.OrdinalIgnoreCase) => false,
                { } flag => throw Error(fields["startTls"], $"'{flag}' is not true or false"),
            };
            return new MailSettings(Required(fields, node, "smtpHost", "mail"))
            {
                SmtpPort = port,
                From = Optional(fields, "from") ?? MailSettings.DefaultFrom,
                StartTls = startTls,
                CredentialsId = Optional(fields, "credentialsId"),
            };
        }

        public ChatSettings Chat(YamlNode node, string what)
        {
            var fields = Fields(node, what, "webhookUrl", "webhookCredentialId", "channel");
            var settings = new ChatSettings { WebhookUrl = Optional(fields, "webhookUrl"), WebhookCredentialId = Optional(fields, "webhookCredentialId"), Channel = Optional(fields, "channel") };
            if (settings.WebhookUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                throw Error(fields["webhookUrl"], $"'{url}' is not an http(s) URL");
            }

            return settings.WebhookUrl is null && settings.WebhookCredentialId is null ? throw Error(node, $"{what} needs 'webhookUrl' or 'webhookCredentialId'") : settings;
        }

        public RegistrySettings Registry(YamlNode node)
        {
            var fields = Fields(node, "registry", "address", "credentialsId");
            var address = Optional(fields, "address") ?? RegistrySettings.DefaultAddress;
            if (!RegistrySettings.IsValidAddress(address))
            {
                throw Error(fields["address"], $"'{address}' is not a registry address (host:port, e.g. 127.0.0.1:5000)");
            }

            return new RegistrySettings(address) { CredentialsId = Optional(fields, "credentialsId") };
        }

        private double Number(string text, YamlNode node) =>
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : throw Error(node, $"'{text}' is not a positive number (e.g. 1.5)");

        private long Bytes(string text, YamlNode node)
        {
            if (text.Length == 0)
            {
                throw Error(node, "expected a size (e.g. 512m, 2g)");
            }

            var unit = char.ToLowerInvariant(text[^1]);
            var multiplier = unit switch { 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, _ => 1L };
            var digits = multiplier == 1 ? text : text[..^1];
            return long.TryParse(digits, CultureInfo.InvariantCulture, out var value) ? value * multiplier : throw Error(node, $"'{text}' is not a size (e.g. 512m, 2g)");
        }
    }
}

/// <summary>A config file that cannot be used; the message names the file, line and column.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException()
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
