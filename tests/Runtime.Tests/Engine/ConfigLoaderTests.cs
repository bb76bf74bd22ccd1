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
    }

    [Theory]
    [InlineData("engines:\n  - { name: far, docker: 'tcp://10.1.2.3:2376' }\n", "containercd.yml(2,26): 'tcp://10.1.2.3:2376' is plain TCP to another host")]
    [InlineData("engines:\n  - { name: far, docker: 'http://h:1' }\n", "containercd.yml(2,26): 'http://h:1': the scheme 'http' is not supported")]
    [InlineData("engines:\n  - { name: s, docker: 'ssh://ci@h' }\n", "containercd.yml(2,24): 'ssh://ci@h': ssh:// engines are not supported yet")]
    [InlineData("engines:\n  - { name: n, docker: 'tcp://127.0.0.1:2376', executors: 0 }\n", "containercd.yml(2,59): '0' is not a number of executors")]
    [InlineData("engines:\n  - { name: n, docker: 'tcp://h:2376', tlsCredentialsId: certs }\n", "containercd.yml(2,58): there is no credential 'certs'")]
    [InlineData("engines:\n  - { name: n, docker: 'tcp://h:2376', tlsCredentialsId: certs }\ncredentials:\n  - { id: certs, type: string, secret: x }\n",
        "containercd.yml(2,58): the credential 'certs' is of type string: an engine's tlsCredentialsId needs an x509ClientCert")]
    [InlineData("engines:\n  - { name: n, docker: 'tcp://h:2376', tlsCredentialsId: certs }\ncredentials:\n  - { id: certs, type: x509ClientCert, clientKey: k, clientCertificate: c, serverCaCertificate: a }\n",
        "containercd.yml(2,58): the credential 'certs': the client certificate or key is not valid PEM")]
    public void Parse_BadEngine_IsAnErrorAtItsPosition(string yaml, string message)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "containercd.yml"));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }
}
