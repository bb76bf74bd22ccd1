using ContainerCd.Runtime.Pipeline.Configuration;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>A config file that cannot be used is one <see cref="ConfigException"/> line naming the file, line and column; never another exception.</summary>
public class ConfigLoaderTests
{
    public static TheoryData<string, string> BadFiles => new()
    {
        // YamlDotNet's scanner fails on this with an InvalidOperationException, not a YamlException.
        { "agents: [a\nb: c\n", "containercd.yml(2," },
        { "agents:\n  - name: x\n   labels: [\n", "containercd.yml(3," },
        { "credentials:\n  - id: \"abc\n", "containercd.yml(2," },
        { "? [a, b]\n: agents\n", "containercd.yml(1," },
        { "- agents\n- tools\n", "containercd.yml(1,1)" },
        { "agents:\n  - name: x\n    cpus: many\n", "containercd.yml(3,11)" },
        { "agents:\n  - name: x\n    memory: ''\n", "containercd.yml(3,13)" },
        { "agents:\n  - name: x\n    image: b\n    docker: dind\n", "containercd.yml(4,13)" },
        { "agents:\n  - name: x\n    docker: isolated\n", "containercd.yml(3,13)" },
        { "agents:\n  - name: x\n    image: b\n    cache: true\n", "containercd.yml(4,12)" },
        { "agents:\n  - name: x\n    image: b\n    docker: isolated\n    cache: yes\n", "containercd.yml(5,12)" },
        { "agents:\n  - name: x\n    env:\n      [a]: b\n", "containercd.yml(4,7)" },
        { "mail:\n  smtpHost: localhost\n  smtpPort: smtp\n", "containercd.yml(3,13)" },
        { "mail:\n  smtpHost: localhost\n  startTls: maybe\n", "containercd.yml(3,13)" },
        { "mail:\n  smtpPort: 25\n", "containercd.yml(2,3)" },
        { "mail:\n  host: localhost\n", "containercd.yml(2,3)" },
        { "slack:\n  channel: '#ci'\n", "containercd.yml(2,3)" },
        { "mattermost:\n  webhookUrl: ftp://chat/hooks/x\n", "containercd.yml(2,15)" },
        { "registry:\n  address: http://127.0.0.1:5000\n", "containercd.yml(2,12)" },
        { "registry:\n  address: 127.0.0.1\n", "containercd.yml(2,12)" },
        { "registry:\n  url: 127.0.0.1:5000\n", "containercd.yml(2,3)" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void Parse_MalformedFile_ThrowsOneLineConfigExceptionWithThePosition(string yaml, string position)
    {
        // Given a file whose text is not a usable config

        // When it is read
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "containercd.yml"));

        // Then the message is one line starting with the file and position
        Assert.StartsWith(position, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing configured yet\n")]
    public void Parse_EmptyFile_IsTheEmptyConfig(string yaml) =>
        Assert.Same(RuntimeConfig.Empty, ConfigLoader.Parse(yaml, "containercd.yml"));

    [Theory]
    [InlineData("", "127.0.0.1:5000", null, true)]
    [InlineData("registry:\n  address: localhost:5001\n", "localhost:5001", null, true)]
    [InlineData("registry:\n  address: 127.0.0.1:5000\n  credentialsId: reg\n", "127.0.0.1:5000", "reg", false)]
    [InlineData("registry:\n  address: registry.example.com:443\n", "registry.example.com:443", null, false)]
    public void Parse_RegistrySection_GivesTheRegistryAndWhetherItIsTheLocalOne(string yaml, string address, string? credentialsId, bool local)
    {
        var registry = ConfigLoader.Parse(yaml, "containercd.yml").Registry;

        Assert.Equal((address, credentialsId, local), (registry.Address, registry.CredentialsId, registry.IsLocal));
    }

    [Fact]
    public void Parse_MailSection_GivesTheSmtpServer()
    {
        var config = ConfigLoader.Parse("mail: { smtpHost: 127.0.0.1, smtpPort: 2525, from: ci@example.com, startTls: false, credentialsId: smtp-user }\n", "containercd.yml");

        Assert.Equal(new MailSettings("127.0.0.1") { SmtpPort = 2525, From = "ci@example.com", StartTls = false, CredentialsId = "smtp-user" }, config.Mail);
        Assert.Equal(new MailSettings("mail.example.com") { SmtpPort = 25, From = MailSettings.DefaultFrom }, ConfigLoader.Parse("mail:\n  smtpHost: mail.example.com\n", "c.yml").Mail);
    }

    [Theory]
    [InlineData("agents: [{ name: iso, labels: [iso], image: containercd/busybox:latest, docker: isolated }]\n", true, false)]
    [InlineData("agents: [{ name: iso, image: containercd/busybox:latest, docker: isolated, cache: true }]\n", true, true)]
    [InlineData("agents: [{ name: c, image: containercd/busybox:latest, docker: host }]\n", false, false)]
    [InlineData("agents: [{ name: c, image: containercd/busybox:latest }]\n", false, false)]
    public void Parse_AgentDockerKey_SaysWhetherItsBuildsGetAnIsolatedEngine(string yaml, bool isolated, bool cache)
    {
        var agent = Assert.Single(ConfigLoader.Parse(yaml, "containercd.yml").Agents);

        Assert.Equal((isolated, cache), (agent.IsolatedEngine, agent.EngineCache));
    }

    [Fact]
    public void Parse_Engines_GivesTheRemoteNodes()
    {
        var config = ConfigLoader.Parse("engines:\n  - { name: remote-1, docker: 'tcp://127.0.0.1:2376', labels: [remote, linux], executors: 2 }\n", "containercd.yml");

        var engine = Assert.Single(config.Engines);
        Assert.Equal(("remote-1", "tcp://127.0.0.1:2376", 2, EngineDefinition.DefaultImage), (engine.Name, engine.Docker, engine.Executors, engine.Image));
        Assert.Equal(["remote", "linux"], engine.Labels);
        Assert.Null(engine.Socket);
    }

    [Fact]
    public void Parse_EngineSocket_NamesTheNodesOwnEngineSocket()
    {
        var config = ConfigLoader.Parse("engines:\n  - { name: remote-1, docker: 'tcp://127.0.0.1:2376', socket: /var/run/docker.sock }\n", "containercd.yml");

        Assert.Equal("/var/run/docker.sock", Assert.Single(config.Engines).Socket);
    }

    [Fact]
    public void Parse_SshEngine_GivesTheUserHostPortSocketCredentialAndHostKeys()
    {
        const string yaml = """
            engines:
              - name: build-2
                docker: ssh://deploy@build-2.example.com:2222/run/user/1000/docker.sock
                sshCredentialsId: build-2-key
                knownHosts: |
                  # ssh-keyscan -p 2222 build-2.example.com
                  [build-2.example.com]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl
              - { name: default-socket, docker: 'ssh://build-3' }
            credentials:
              - { id: build-2-key, type: sshUserPrivateKey, username: deploy, privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----' }
            """;

        var config = ConfigLoader.Parse(yaml, "containercd.yml");

        var (build2, build3) = (config.Engines[0], config.Engines[1]);
        Assert.Equal(new SshEndpoint("deploy", "build-2.example.com", 2222, "/run/user/1000/docker.sock"), SshEndpoint.Parse(build2.Docker, out _));
        Assert.Equal(new SshEndpoint(null, "build-3", 22, SshEndpoint.DefaultSocket), SshEndpoint.Parse(build3.Docker, out _));
        Assert.Equal("build-2-key", build2.SshCredentialsId);
        Assert.Equal("[build-2.example.com]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n", build2.KnownHosts);
        Assert.Null(build3.KnownHosts);
    }

    [Theory]
    [InlineData("engines:\n  - { name: far, docker: 'tcp://10.1.2.3:2376' }\n", "containercd.yml(2,26): 'tcp://10.1.2.3:2376' is plain TCP to another host")]
    [InlineData("engines:\n  - { name: far, docker: 'http://h:1' }\n", "containercd.yml(2,26): 'http://h:1': the scheme 'http' is not supported")]
    [InlineData("engines:\n  - { name: s, docker: 'ssh://ci:secret@h' }\n", "containercd.yml(2,24): 'ssh://ci:secret@h': a password in an ssh:// URL is not supported")]
    [InlineData("engines:\n  - { name: s, docker: 'ssh://' }\n", "containercd.yml(2,24): 'ssh://' is not an ssh:// endpoint (ssh://user@host[:port][/path/to/docker.sock])")]
    [InlineData("engines:\n  - { name: s, docker: 'ssh://ci@h:port' }\n", "containercd.yml(2,24): 'ssh://ci@h:port' is not an ssh:// endpoint")]
    [InlineData("engines:\n  - { name: s, docker: 'ssh://ci@h/run/' }\n", "containercd.yml(2,24): 'ssh://ci@h/run/': '/run/' is a folder")]
    [InlineData("engines:\n  - { name: s, docker: 'ssh://ci@h?x=1' }\n", "containercd.yml(2,24): 'ssh://ci@h?x=1': an ssh:// endpoint takes no query")]
    [InlineData("engines:\n  - { name: s, docker: 'ssh://-oProxyCommand=x' }\n", "containercd.yml(2,24): 'ssh://-oProxyCommand=x' is not an ssh:// endpoint")]
    [InlineData("engines:\n  - { name: s, docker: 'ssh://-oProxy' }\n", "containercd.yml(2,24): 'ssh://-oProxy': '-oproxy' is not a host name")]
    [InlineData("engines:\n  - { name: s, docker: 'ssh://h', tlsCredentialsId: c }\n", "containercd.yml(2,24): 'ssh://h': tlsCredentialsId applies to tcp:// engines")]
    [InlineData("engines:\n  - { name: s, docker: 'tcp://127.0.0.1:2376', sshCredentialsId: k }\n", "containercd.yml(2,66): sshCredentialsId applies to ssh:// engines only")]
    [InlineData("engines:\n  - { name: s, docker: 'ssh://h', sshCredentialsId: k }\n", "containercd.yml(2,53): there is no credential 'k' in credentials: (sshCredentialsId) (engine 's')")]
    [InlineData("engines:\n  - { name: s, docker: 'ssh://h', sshCredentialsId: k }\ncredentials:\n  - { id: k, type: string, secret: x }\n",
        "containercd.yml(2,53): the credential 'k' is of type string: an engine's sshCredentialsId needs an sshUserPrivateKey")]
    [InlineData("engines:\n  - { name: s, docker: 'ssh://h', knownHosts: 'h ssh-ed25519' }\n", "containercd.yml(2,47): 'h ssh-ed25519' is not a known_hosts line")]
    [InlineData("engines:\n  - { name: n, docker: 'tcp://127.0.0.1:2376', executors: 0 }\n", "containercd.yml(2,59): '0' is not a number of executors")]
    [InlineData("engines:\n  - { name: n, docker: 'tcp://h:2376', tlsCredentialsId: certs }\n", "containercd.yml(2,58): there is no credential 'certs'")]
    [InlineData("engines:\n  - { name: n, docker: 'tcp://h:2376', tlsCredentialsId: certs }\ncredentials:\n  - { id: certs, type: string, secret: x }\n",
        "containercd.yml(2,58): the credential 'certs' is of type string: an engine's tlsCredentialsId needs an x509ClientCert")]
    [InlineData("engines:\n  - { name: n, docker: 'tcp://h:2376', tlsCredentialsId: certs }\ncredentials:\n  - { id: certs, type: x509ClientCert, clientKey: k, clientCertificate: c, serverCaCertificate: a }\n",
        "containercd.yml(2,58): the credential 'certs': the client certificate or key is not valid PEM")]
    [InlineData("engines:\n  - { name: n, docker: 'tcp://127.0.0.1:2376', socket: var/run/docker.sock }\n", "containercd.yml(2,56): 'var/run/docker.sock' is not a socket path: socket names the node's engine socket as an absolute path")]
    [InlineData("engines:\n  - { name: n, docker: 'tcp://127.0.0.1:2376', socket: 'unix:///var/run/docker.sock' }\n", "containercd.yml(2,56): 'unix:///var/run/docker.sock' is not a socket path")]
    [InlineData("engines:\n  - { name: n, docker: 'tcp://127.0.0.1:2376', socket: /var/run/../docker.sock }\n", "containercd.yml(2,56): '/var/run/../docker.sock' is not a socket path")]
    public void Parse_BadEngine_IsAnErrorAtItsPosition(string yaml, string message)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "containercd.yml"));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
