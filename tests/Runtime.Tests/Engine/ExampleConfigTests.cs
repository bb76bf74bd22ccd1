using ContainerCd.Runtime.Pipeline.Configuration;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>The example config under examples/config loads, with what the README says each section means.</summary>
public class ExampleConfigTests
{
    [Fact]
    public void Load_ExampleConfig_ReadsEverySection()
    {
        var directory = Path.Combine(RepositoryRoot(), "examples", "config");

        var config = ConfigLoader.Load(Path.Combine(directory, "containercd.yml"));

        Assert.Collection(
            config.Agents,
            host =>
            {
                Assert.Equal("linux-host", host.Name);
                Assert.Equal(["linux", "host"], host.Labels);
                Assert.Null(host.Image);
                Assert.Equal("staging", host.Environment["DEPLOY_TARGET"]);
            },
            container =>
            {
                Assert.Equal("containercd/busybox:latest", container.Image);
                Assert.Equal("-e FROM_CONFIG=yes", container.Args);
                Assert.Equal(256L * 1024 * 1024, container.MemoryLimitBytes);
                Assert.Equal(1, container.Cpus);
                Assert.True(container.PassThroughDocker);
            },
            isolated =>
            {
                Assert.Equal("iso", isolated.Name);
                Assert.True(isolated.IsolatedEngine);
            });
        Assert.Equal("platform", config.NodeEnvironment["TEAM"]);
        Assert.Equal(["string", "usernamePassword", "file"], config.Credentials.Select(c => c.Type));
        Assert.Equal("ci-bot", config.Credentials.Single(c => c.Id == "registry-login").Username);
        Assert.Equal(new ToolDefinition("git", "system-git", "/usr"), Assert.Single(config.Tools));
        var library = Assert.Single(config.Libraries);
        Assert.Equal(Path.Combine(directory, "library"), library.Path);
        Assert.True(File.Exists(Path.Combine(library.Path!, "vars", "greet.groovy")));
        Assert.Equal(["mail", "slackSend"], config.NoopSteps.Order(StringComparer.Ordinal));
        Assert.Equal(new MailSettings("127.0.0.1") { SmtpPort = 2525, From = "ci@example.com" }, config.Mail);
    }

    [Fact]
    public void Parse_ReadmeConfigExample_MatchesTheExampleFile()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var block = System.Text.RegularExpressions.Regex.Match(readme, "```yaml\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(block.Success, "README.md has no yaml block");

        var fromReadme = ConfigLoader.Parse(block.Groups[1].Value, Path.Combine(root, "examples", "config", "containercd.yml"));
        var fromFile = ConfigLoader.Load(Path.Combine(root, "examples", "config", "containercd.yml"));

        Assert.Equal(fromFile.Agents.Select(a => (a.Name, a.Image, a.Args, a.MemoryLimitBytes)), fromReadme.Agents.Select(a => (a.Name, a.Image, a.Args, a.MemoryLimitBytes)));
        Assert.Equal(fromFile.Credentials.Take(2).Select(c => (c.Id, c.Type, c.Username)), fromReadme.Credentials.Select(c => (c.Id, c.Type, c.Username)));
        Assert.Equal(fromFile.Tools, fromReadme.Tools);
        Assert.Equal(fromFile.Libraries.Single().Path, fromReadme.Libraries.Single().Path);
        Assert.Equal(fromFile.NoopSteps.Order(StringComparer.Ordinal), fromReadme.NoopSteps.Order(StringComparer.Ordinal));
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ContainerCd.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ContainerCd.sln not found above " + AppContext.BaseDirectory);
    }
}
