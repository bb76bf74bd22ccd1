using ContainerCd.Runtime.Docker.Args;

namespace ContainerCd.Docker.Tests;

public sealed class DockerRunArgsParserTests
{
    [Fact]
    public void Parse_CommonJenkinsfileArgs_AreUnderstoodAsDockerRunWould()
    {
        var options = DockerRunArgsParser.Parse(
            "-v /cache:/root/.m2:ro --volume=/a:/b -e A=1 -eB=2 --env 'C=x y' -u 1000:1000 -w /src --network host " +
            "--memory 512m --cpus=1.5 --entrypoint= --privileged --add-host db:10.0.0.2 -it --rm --group-add 999 --shm-size 1g",
            out var error);

        Assert.Null(error);
        Assert.NotNull(options);
        Assert.Equal(["/cache:/root/.m2:ro", "/a:/b"], options.Binds);
        Assert.Equal(["A=1", "B=2", "C=x y"], options.Environment);
        Assert.Equal("1000:1000", options.User);
        Assert.Equal("/src", options.WorkingDir);
        Assert.Equal("host", options.Network);
        Assert.Equal(512L * 1024 * 1024, options.MemoryBytes);
        Assert.Equal(1_500_000_000, options.NanoCpus);
        Assert.True(options.EntrypointSet);
        Assert.Equal("", options.Entrypoint);
        Assert.True(options.Privileged);
        Assert.Equal(["db:10.0.0.2"], options.ExtraHosts);
        Assert.Equal(["999"], options.GroupAdd);
        Assert.Equal(1024L * 1024 * 1024, options.ShmSizeBytes);
    }

    [Theory]
    [InlineData("--bogus", "unknown flag: --bogus")]
    [InlineData("-Z", "unknown shorthand flag: 'Z'")]
    [InlineData("-v", "flag needs an argument")]
    [InlineData("--memory lots", "invalid size \"lots\" for --memory")]
    [InlineData("--cpus -1", "invalid argument \"-1\" for --cpus")]
    [InlineData("maven:3 mvn", "unexpected argument 'maven:3'")]
    [InlineData("-e 'unterminated", "unterminated single quote")]
    public void Parse_BadArgs_IsAClearErrorNamingTheProblem(string args, string expected)
    {
        var options = DockerRunArgsParser.Parse(args, out var error);

        Assert.Null(options);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NoArgs_IsEmpty()
    {
        Assert.Same(DockerRunOptions.Empty, DockerRunArgsParser.Parse("  ", out _));
    }
}
