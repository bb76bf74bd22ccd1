using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>The project's files: its checkout copies symbolic links as links, never reads or writes through them; readTrusted stays in it.</summary>
public sealed class CheckoutLinkTests : IDisposable
{
    /// <summary>A project directory outside the runner's home (a checkout skips what is inside the home).</summary>
    private readonly string _project = Directory.CreateTempSubdirectory("ccd-project-").FullName;

    [Fact]
    public async Task Checkout_ProjectWithDanglingAndOutsideLinks_CopiesThemAsLinks()
    {
        // Given a project holding a dangling link and a link to a directory of the host
        using var runner = new PipelineRunner();
        var project = _project;
        await File.WriteAllTextAsync(Path.Combine(project, "a.txt"), "a", TestContext.Current.CancellationToken);
        File.CreateSymbolicLink(Path.Combine(project, "dangling"), "/nonexistent/file");
        File.CreateSymbolicLink(Path.Combine(project, "etc"), "/etc");
        File.CreateSymbolicLink(Path.Combine(project, "b.txt"), "a.txt");

        // When
        var (result, log, _) = await runner.RunAsync(
            "pipeline { agent any; stages { stage('s') { steps { sh 'ls -l dangling etc b.txt && cat b.txt' } } }; post { always { echo 'post ran' } } }",
            adjust: request => request with { SourceDirectory = project });

        // Then
        Assert.True(result == BuildResult.Success, log);
        var workspace = Path.Combine(runner.Home, "workspace", "test0");
        Assert.Equal("/nonexistent/file", new FileInfo(Path.Combine(workspace, "dangling")).LinkTarget);
        Assert.Equal("/etc", new FileInfo(Path.Combine(workspace, "etc")).LinkTarget);
        Assert.Equal("a.txt", new FileInfo(Path.Combine(workspace, "b.txt")).LinkTarget);
        Assert.Contains("post ran", log, StringComparison.Ordinal);
        Assert.EndsWith("Finished: SUCCESS\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_OverALinkLeftInTheWorkspace_ReplacesTheLinkNotItsTarget()
    {
        // Given a workspace where an earlier build left a.txt as a link to a file of the host
        using var runner = new PipelineRunner();
        var project = _project;
        await File.WriteAllTextAsync(Path.Combine(project, "a.txt"), "from the project", TestContext.Current.CancellationToken);
        var victim = Path.Combine(runner.Home, "victim.txt");
        await File.WriteAllTextAsync(victim, "precious", TestContext.Current.CancellationToken);
        var workspace = Path.Combine(runner.Home, "workspace", "test0");
        Directory.CreateDirectory(workspace);
        File.CreateSymbolicLink(Path.Combine(workspace, "a.txt"), victim);

        // When
        var (result, log, _) = await runner.RunAsync(
            "pipeline { agent any; stages { stage('s') { steps { echo readFile('a.txt') } } } }",
            adjust: request => request with { SourceDirectory = project });

        // Then
        Assert.True(result == BuildResult.Success, log);
        Assert.Equal("precious", await File.ReadAllTextAsync(victim, TestContext.Current.CancellationToken));
        Assert.Null(new FileInfo(Path.Combine(workspace, "a.txt")).LinkTarget);
        Assert.Contains("from the project", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Checkout_ProjectInsideTheHome_IsCopied()
    {
        // Given a project in the home, as a server's HOME/jobs/JOB
        using var runner = new PipelineRunner();
        var project = Path.Combine(runner.Home, "jobs", "test0");
        Directory.CreateDirectory(Path.Combine(project, "src"));
        await File.WriteAllTextAsync(Path.Combine(project, "src", "a.txt"), "from the job", TestContext.Current.CancellationToken);

        // When
        var (result, log, _) = await runner.RunAsync(
            "pipeline { agent any; stages { stage('s') { steps { echo readFile('src/a.txt') } } } }",
            adjust: request => request with { SourceDirectory = project });

        // Then
        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("from the job", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.txt", "‘../outside.txt’ is outside the project")]
    [InlineData("link.txt", "‘link.txt’ is outside the project: link.txt is a symbolic link to ")]
    public async Task ReadTrusted_PathLeavingTheProject_IsRefused(string path, string expected)
    {
        // Given a project next to a file, and a link to it
        var outside = Path.Combine(Path.GetDirectoryName(_project)!, "outside.txt");
        File.CreateSymbolicLink(Path.Combine(_project, "link.txt"), outside);
        using var runner = new PipelineRunner();

        // When
        var (result, log, _) = await runner.RunAsync(
            $"node {{ echo readTrusted('{path}') }}",
            adjust: request => request with { SourceDirectory = _project });

        // Then
        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("ERROR: " + expected, log, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_project, true);
}
