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
        { "agents:\n  - name: x\n    env:\n      [a]: b\n", "containercd.yml(4,7)" },
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
}
