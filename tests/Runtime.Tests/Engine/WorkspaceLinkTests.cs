using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>
/// Symbolic links and <c>..</c> in a workspace on the host agent: file steps follow a link only where it stays in the
/// workspace, skip dangling ones with a warning, and never read or write a file outside the workspace.
/// </summary>
public sealed class WorkspaceLinkTests
{
    /// <summary>Makes out/ with a file, a link to it, links leaving the workspace (absolute, relative, a directory) and a dangling link.</summary>
    private const string MakeLinks = """
        sh '''
            mkdir -p out
            echo hi > out/real.txt
            ln -s real.txt out/in
            ln -s /etc/passwd out/p
            ln -s ../../outside.txt out/o
            ln -s /etc out/etc
            ln -s missing.txt out/dangling
        '''
        """;

    private static string Pipeline(string steps) => $$"""
        pipeline {
            agent any
            stages {
                stage('s') {
                    steps {
                        {{steps}}
                    }
                }
            }
            post { always { echo 'post ran' } }
        }
        """;

    [Fact]
    public async Task ArchiveArtifacts_LinksLeavingTheWorkspace_AreSkippedAndNothingOutsideIsCopied()
    {
        // Given a workspace (HOME/workspace/test0) whose out/ holds links to the host's files
        using var runner = new PipelineRunner();
        await File.WriteAllTextAsync(Path.Combine(runner.Home, "outside.txt"), "outside", TestContext.Current.CancellationToken);

        // When
        var (result, log, _) = await runner.RunAsync(Pipeline(MakeLinks + "\narchiveArtifacts 'out/**'"));

        // Then the file and the link inside are archived as files, the others skipped with a warning
        Assert.True(result == BuildResult.Success, log);
        var artifacts = Path.Combine(runner.Home, "artifacts", "test0", "1");
        Assert.Equal(["out/in", "out/real.txt"], Files(artifacts));
        Assert.Equal("hi\n", await File.ReadAllTextAsync(Path.Combine(artifacts, "out", "in"), TestContext.Current.CancellationToken));
        Assert.Contains("WARNING: Skipped out/p: a symbolic link to /etc/passwd, outside the workspace\n", log, StringComparison.Ordinal);
        Assert.Contains("WARNING: Skipped out/o: a symbolic link to ../../outside.txt, outside the workspace\n", log, StringComparison.Ordinal);
        Assert.Contains("WARNING: Skipped out/etc: a symbolic link to /etc, outside the workspace\n", log, StringComparison.Ordinal);
        Assert.Contains("WARNING: Skipped out/dangling: a symbolic link to missing.txt, which does not exist\n", log, StringComparison.Ordinal);
        Assert.EndsWith("Finished: SUCCESS\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StashUnstash_LinksLeavingTheWorkspace_AreNotCarried()
    {
        // Given
        using var runner = new PipelineRunner();
        await File.WriteAllTextAsync(Path.Combine(runner.Home, "outside.txt"), "outside", TestContext.Current.CancellationToken);

        // When out/ is stashed, the workspace emptied and the stash restored
        var (result, log, _) = await runner.RunAsync(Pipeline(MakeLinks + """

            stash name: 'out', includes: 'out/**'
            deleteDir()
            unstash 'out'
            sh 'find out | sort'
            """));

        // Then only the file and the link inside come back, as files
        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("Stashed 2 file(s)", log, StringComparison.Ordinal);
        Assert.Contains("\nout\nout/in\nout/real.txt\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArchiveArtifacts_PatternWithDotDot_IsRefusedAndCopiesNothing()
    {
        // Given a file next to the workspace
        using var runner = new PipelineRunner();
        Directory.CreateDirectory(Path.Combine(runner.Home, "workspace"));
        await File.WriteAllTextAsync(Path.Combine(runner.Home, "workspace", "outside.txt"), "outside", TestContext.Current.CancellationToken);

        // When
        var (result, log, _) = await runner.RunAsync(Pipeline("archiveArtifacts '../outside.txt'"));

        // Then
        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("ERROR: ‘../outside.txt’ goes up out of the directory it is matched in (..)", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(runner.Home, "outside.txt", SearchOption.AllDirectories), f => !f.EndsWith("/workspace/outside.txt", StringComparison.Ordinal));
        Assert.Contains("post ran", log, StringComparison.Ordinal);
        Assert.EndsWith("Finished: FAILURE\n", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("readFile 'out/p'", "‘out/p’ is outside the workspace: out/p is a symbolic link to /etc/passwd")]
    [InlineData("readFile 'out/etc/hostname'", "‘out/etc/hostname’ is outside the workspace: out/etc is a symbolic link to /etc")]
    [InlineData("readFile '../../outside.txt'", "‘../../outside.txt’ is outside the workspace")]
    [InlineData("readFile '/etc/hostname'", "‘/etc/hostname’ is outside the workspace")]
    [InlineData("fileExists 'out/o'", "‘out/o’ is outside the workspace: out/o is a symbolic link to ../../outside.txt")]
    [InlineData("readJSON file: 'out/p'", "‘out/p’ is outside the workspace")]
    [InlineData("dir('out/etc') { echo readFile('hostname') }", "‘hostname’ is outside the workspace: out/etc is a symbolic link to /etc")]
    public async Task ReadingSteps_PathLeavingTheWorkspace_FailWithTheLinkNamed(string step, string expected)
    {
        using var runner = new PipelineRunner();
        await File.WriteAllTextAsync(Path.Combine(runner.Home, "outside.txt"), "outside", TestContext.Current.CancellationToken);

        var (result, log, _) = await runner.RunAsync(Pipeline(MakeLinks + "\n" + step));

        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("ERROR: " + expected, log, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", log, StringComparison.Ordinal);
        Assert.EndsWith("Finished: FAILURE\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadFile_LinkInside_ReadsItsTarget()
    {
        using var runner = new PipelineRunner();

        var (result, log, _) = await runner.RunAsync(Pipeline(MakeLinks + "\necho \"read=${readFile('out/in').trim()}\""));

        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("read=hi\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteFile_ThroughALinkLeavingTheWorkspace_IsRefusedAndTheFileKept()
    {
        // Given a link in the workspace to a file of the host
        using var runner = new PipelineRunner();
        var victim = Path.Combine(runner.Home, "victim.txt");
        await File.WriteAllTextAsync(victim, "precious", TestContext.Current.CancellationToken);

        // When a step writes to the link
        var (result, log, _) = await runner.RunAsync(Pipeline($"sh 'ln -s {victim} w'\nwriteFile file: 'w', text: 'overwritten'"));

        // Then
        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("ERROR: ‘w’ is outside the workspace: w is a symbolic link to " + victim, log, StringComparison.Ordinal);
        Assert.Equal("precious", await File.ReadAllTextAsync(victim, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task DeleteDirAndCleanWs_LinkToADirectoryOutside_RemoveTheLinkOnly()
    {
        // Given a link in the workspace to a directory of the host
        using var runner = new PipelineRunner();
        var kept = Path.Combine(runner.Home, "kept");
        Directory.CreateDirectory(kept);
        await File.WriteAllTextAsync(Path.Combine(kept, "precious.txt"), "precious", TestContext.Current.CancellationToken);

        // When the workspace is deleted, then cleaned, and a dir() into the link is deleted
        var (result, log, _) = await runner.RunAsync(Pipeline($$"""
            sh 'ln -s {{kept}} a && mkdir b && ln -s {{kept}} b/c && ln -s {{kept}} d'
            dir('d') { deleteDir() }
            sh 'test ! -e d'
            cleanWs()
            sh 'ln -s {{kept}} a'
            deleteDir()
            """));

        // Then the links went and the directory they led to is intact
        Assert.True(result == BuildResult.Success, log);
        Assert.Equal("precious", await File.ReadAllTextAsync(Path.Combine(kept, "precious.txt"), TestContext.Current.CancellationToken));
        Assert.False(Directory.Exists(Path.Combine(runner.Home, "workspace", "test0")));
    }

    [Fact]
    public async Task Junit_ReportLinkedFromOutside_IsNotRead()
    {
        // Given a report outside the workspace with a failing test, linked from the workspace, and one inside
        using var runner = new PipelineRunner();
        var report = Path.Combine(runner.Home, "report.xml");
        await File.WriteAllTextAsync(report, """<testsuite name="s"><testcase classname="c" name="bad"><failure message="x"/></testcase></testsuite>""", TestContext.Current.CancellationToken);

        // When
        var (result, log, _) = await runner.RunAsync(Pipeline($$"""
            writeFile file: 'reports/ok.xml', text: '<testsuite name="s"><testcase classname="c" name="good"/></testsuite>'
            sh 'ln -s {{report}} reports/linked.xml'
            script {
                def summary = junit 'reports/*.xml'
                echo "total=${summary.totalCount} failed=${summary.failCount}"
            }
            """));

        // Then
        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("total=1 failed=0", log, StringComparison.Ordinal);
        Assert.Contains("WARNING: Skipped reports/linked.xml: a symbolic link to " + report + ", outside the workspace", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindFiles_Length_IsTheNumberOfFilesAsForAJavaArray()
    {
        using var runner = new PipelineRunner();

        var (result, log, _) = await runner.RunAsync(Pipeline("""
            writeFile file: 'a.txt', text: 'abc'
            writeFile file: 'd/b.txt', text: 'x'
            script {
                def files = findFiles(glob: '**/*.txt')
                echo "length=${files.length} size=${files.size()} first=${files[0]} name=${files[1].name} bytes=${files[0].length} dir=${files[0].directory}"
                def top = findFiles()
                echo "top=${top.collect { it.path }} directory=${top.find { it.name == 'd' }.directory}"
            }
            """));

        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("length=2 size=2 first=a.txt name=b.txt bytes=3 dir=false\n", log, StringComparison.Ordinal);
        Assert.Contains("top=[a.txt, d/] directory=true\n", log, StringComparison.Ordinal);
    }

    private static List<string> Files(string root) =>
        [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f)).Order(StringComparer.Ordinal)];
}
