using System.Diagnostics;
using ContainerCd.Parser;
using ContainerCd.Parser.Text;
using ContainerCd.Runtime.Pipeline.Locks;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Testing;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>lock (lockable-resources) as a step and as an option: a resource name held across builds of one home, in any process.</summary>
public class LockTests
{
    [Theory]
    [InlineData("options { lock('printer') }", "steps { echo 'BODY' }")]
    [InlineData("options { lock(resource: 'printer') }", "steps { echo 'BODY' }")]
    [InlineData("", "steps { lock('printer') { echo 'BODY' } }")]
    public async Task Lock_OnAResource_LogsJenkinsLinesAroundTheBody(string options, string steps)
    {
        using var runner = new PipelineRunner();

        var (result, log, _) = await runner.RunAsync($"pipeline {{ agent any\n {options}\n stages {{ stage('a') {{ {steps} }} }} }}");

        Assert.True(result == BuildResult.Success, log);
        Assert.Matches(
            "(?s)Trying to acquire lock on \\[Resource: printer\\]\n.*Lock acquired on \\[Resource: printer\\]\n.*BODY\n.*Lock released on resource \\[Resource: printer\\]\n",
            log);
    }

    [Fact]
    public async Task Lock_HeldByAnotherProcessOnTheSameHome_WaitsUntilItIsReleased()
    {
        // Given another process holding the resource's lock until the test lets it go
        using var runner = new PipelineRunner();
        var file = LockableResources.LockFile(runner.Home, "db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var ready = Path.Combine(runner.Home, "holder-ready");
        var release = Path.Combine(runner.Home, "holder-release");
        using var holder = Process.Start(new ProcessStartInfo("flock", [file, "sh", "-c", $"touch '{ready}'; while [ ! -e '{release}' ]; do sleep 0.05; done"]))!;
        while (!File.Exists(ready) && !holder.HasExited)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        // When a build locks it, and the other process lets go only once the build says it waits
        var observer = new RecordingObserver();
        var build = runner.RunAsync("pipeline { agent any\n options { lock('db') }\n stages { stage('a') { steps { echo 'BODY' } } } }", observer: observer);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (!observer.Log.Contains("[Resource: db] is locked, waiting...", StringComparison.Ordinal) && !build.IsCompleted && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.False(observer.Log.Contains("BODY", StringComparison.Ordinal), "the body ran while the other process still held the lock");
        await File.WriteAllTextAsync(release, "", TestContext.Current.CancellationToken);
        var (result, log, _) = await build;

        // Then it waited for the other process, and ran once that let go
        Assert.True(result == BuildResult.Success, log);
        await holder.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Matches("(?s)Trying to acquire lock on \\[Resource: db\\]\n.*\\[Resource: db\\] is locked, waiting...\n.*Lock acquired on \\[Resource: db\\]\n.*BODY\n", log);
    }

    [Fact]
    public async Task Lock_TwoBuildsInOneProcess_RunTheirBodiesOneAfterTheOther()
    {
        // Given two builds of different jobs on one home, each appending to a shared file inside the lock
        using var runner = new PipelineRunner();
        var trace = Path.Combine(runner.Home, "trace");
        var jenkinsfile = $$"""
            pipeline { agent any
             options { lock('shared') }
             stages { stage('a') { steps { sh 'echo start >> {{trace}}; sleep 0.5; echo end >> {{trace}}' } } } }
            """;

        // When both run at once
        var builds = await Task.WhenAll(runner.RunAsync(jenkinsfile, job: "one"), runner.RunAsync(jenkinsfile, job: "two"));

        // Then the bodies never overlap
        Assert.All(builds, b => Assert.True(b.Result == BuildResult.Success, b.Log));
        Assert.Equal(["start", "end", "start", "end"], await File.ReadAllLinesAsync(trace, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Lock_SkipIfLockedWhileHeld_SkipsTheBody()
    {
        using var runner = new PipelineRunner();
        using var held = LockableResources.TryAcquire(runner.Home, "db", "test #1");
        Assert.NotNull(held);

        var (result, log, _) = await runner.RunAsync("pipeline { agent any\n stages { stage('a') { steps { lock(resource: 'db', skipIfLocked: true) { echo 'BODY' } } } } }");

        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("[Resource: db] is locked, skipping execution...\n", log, StringComparison.Ordinal);
        Assert.DoesNotContain("BODY", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("options { lock(label: 'printers', quantity: 1) }", "lock: \"label\" is not supported by containercd run")]
    [InlineData("options { lock(resource: 'x', inversePrecedence: true) }", "lock: \"inversePrecedence\" is not supported by containercd run")]
    [InlineData("stages { stage('s') { steps { lock(label: 'printers') { echo 'IN' } } } }\n", "lock: \"label\" is not supported by containercd run")]
    public async Task Lock_ResourcePoolForms_LintWarnsAndRunFailsWithTheSameWords(string section, string message)
    {
        // Given
        var jenkinsfile = section.StartsWith("options", StringComparison.Ordinal)
            ? $"pipeline {{ agent any\n {section}\n stages {{ stage('a') {{ steps {{ echo 'BODY' }} }} }} }}"
            : $"pipeline {{ agent any\n {section} }}";
        using var runner = new PipelineRunner();

        // When
        var lint = Jenkinsfile.Parse(new SourceText("Jenkinsfile", jenkinsfile));
        var (result, log, _) = await runner.RunAsync(jenkinsfile);

        // Then
        var warning = lint.Diagnostics.First(d => d.Code == "JP2012");
        Assert.False(warning.IsError);
        Assert.StartsWith(message, warning.Message, StringComparison.Ordinal);
        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("ERROR: " + warning.Message, log, StringComparison.Ordinal);
        Assert.DoesNotContain("BODY", log, StringComparison.Ordinal);
        Assert.DoesNotContain("\nIN\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public void Lint_LockWithAFalseFlagItCannotHonour_DoesNotWarn() =>
        Assert.DoesNotContain(
            Jenkinsfile.Parse(new SourceText("Jenkinsfile", "pipeline { agent any\n stages { stage('a') { steps { lock(resource: 'x', inversePrecedence: false) { echo 'x' } } } } }")).Diagnostics,
            d => d.Code == "JP2012");
}
