using System.Collections.Immutable;

namespace ContainerCd.Runtime.Pipeline.Configuration;

/// <summary>
/// What a Jenkins controller would know and a Jenkinsfile cannot say: the agents (labels mapped to
/// this host or to an image, with node environment variables), the credentials store, tool
/// installations, shared libraries and the steps to skip as no-ops. Loaded from the YAML config file.
/// </summary>
public sealed record RuntimeConfig
{
    public static RuntimeConfig Empty { get; } = new();

    public ImmutableArray<AgentDefinition> Agents { get; init; } = [];

    /// <summary>Remote Docker engines used as build nodes (<c>engines:</c>), each with its labels and executors.</summary>
    public ImmutableArray<EngineDefinition> Engines { get; init; } = [];

    public ImmutableArray<CredentialDefinition> Credentials { get; init; } = [];

    public ImmutableArray<ToolDefinition> Tools { get; init; } = [];

    public ImmutableArray<LibraryDefinition> Libraries { get; init; } = [];

    /// <summary>Steps that only make sense on a Jenkins controller (slackSend, mail...): logged as skipped.</summary>
    public ImmutableHashSet<string> NoopSteps { get; init; } = [];

    /// <summary>The SMTP server the mail step sends through; null when none is configured (mail then fails, saying so).</summary>
    public MailSettings? Mail { get; init; }

    /// <summary>The Slack incoming webhook slackSend posts to; null when none is configured.</summary>
    public ChatSettings? Slack { get; init; }

    /// <summary>The Mattermost incoming webhook mattermostSend posts to; null when none is configured.</summary>
    public ChatSettings? Mattermost { get; init; }

    /// <summary>The registry builds push to: the local one ContainerCd starts on demand (127.0.0.1:5000 by default) or another one.</summary>
    public RegistrySettings Registry { get; init; } = RegistrySettings.Default;

    /// <summary>Environment variables of the built-in node (the host) besides the process's own.</summary>
    public ImmutableDictionary<string, string> NodeEnvironment { get; init; } = ImmutableDictionary<string, string>.Empty;
}

/// <summary>
/// An agent: the labels it answers to and where it runs, on this host (<see cref="Image"/> null) or in
/// a container of <see cref="Image"/>, with its node environment variables.
/// </summary>
public sealed record AgentDefinition(string Name, ImmutableArray<string> Labels, string? Image, ImmutableDictionary<string, string> Environment)
{
    public string? Args { get; init; }

    public bool PassThroughDocker { get; init; } = true;

    public long? MemoryLimitBytes { get; init; }

    public double? Cpus { get; init; }

    /// <summary><c>docker: isolated</c>: each build gets a Docker engine of its own instead of the host's (see README, Agents).</summary>
    public bool IsolatedEngine { get; init; }

    /// <summary><c>cache: true</c> (isolated only): the engine's layer cache is kept per job in a volume.</summary>
    public bool EngineCache { get; init; }
}

/// <summary>A credential in the store: <see cref="Type"/> is string, usernamePassword, file, sshUserPrivateKey, certificate or x509ClientCert.</summary>
public sealed record CredentialDefinition(string Id, string Type)
{
    public string? Secret { get; init; }

    public string? Username { get; init; }

    public string? Password { get; init; }

    public string? FileName { get; init; }

    public string? Content { get; init; }

    public string? PrivateKey { get; init; }

    public string? Passphrase { get; init; }

    public string? Description { get; init; }

    /// <summary>x509ClientCert (Jenkins' "X.509 Client Certificate" for Docker hosts): the client's private key, in PEM.</summary>
    public string? ClientKey { get; init; }

    /// <summary>x509ClientCert: the client certificate, in PEM.</summary>
    public string? ClientCertificate { get; init; }

    /// <summary>x509ClientCert: the CA certificate the engine's server certificate must chain to, in PEM.</summary>
    public string? ServerCaCertificate { get; init; }
}

/// <summary>A tool installation: <c>tools { maven 'name' }</c> finds the one of type maven and that name, and puts its bin on PATH.</summary>
public sealed record ToolDefinition(string Type, string Name, string Home);

/// <summary>
/// A shared library: sources in a folder (<see cref="Path"/>, with vars/ and src/) or a git repository
/// (<see cref="GitUrl"/>, checked out at the version asked for or <see cref="DefaultVersion"/>);
/// <see cref="Implicit"/> libraries load without <c>@Library</c>.
/// </summary>
public sealed record LibraryDefinition(string Name)
{
    public string? Path { get; init; }

    public string? GitUrl { get; init; }

    public bool Implicit { get; init; }

    public string? DefaultVersion { get; init; }
}
