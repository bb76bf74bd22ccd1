using ContainerCd.Runtime.Pipeline;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>What started a build, as a Jenkinsfile sees it: the log's first line, <c>when { triggeredBy }</c>, <c>currentBuild.getBuildCauses()</c>.</summary>
public class BuildCauseTests
{
    public static TheoryData<string, string, bool> TriggeredByCases() => new()
    {
        { "scm", "triggeredBy 'SCMTrigger'", true },
        { "scm", "triggeredBy cause: 'SCMTriggerCause'", true },
        { "timer", "triggeredBy 'SCMTrigger'", false },
        { "timer", "triggeredBy 'TimerTrigger'", true },
        { "timer", "triggeredBy 'UserIdCause'", false },
        { "alice", "triggeredBy cause: 'UserIdCause', detail: 'alice'", true },
        { "alice", "triggeredBy cause: 'UserIdCause', detail: 'bob'", false },
        { "upstream", "triggeredBy 'UpstreamCause'", true },
        { "upstream", "triggeredBy cause: 'UpstreamCause', detail: 'upstream project \"lib\"'", true },
        { "upstream", "triggeredBy cause: 'UpstreamCause', detail: 'app'", false },
        { "remote", "triggeredBy 'RemoteCause'", true },
    };

    private static BuildCause Cause(string name) => name switch
    {
        "scm" => BuildCause.Scm(),
        "timer" => BuildCause.Timer(),
        "alice" => BuildCause.User("alice"),
        "upstream" => BuildCause.Upstream("lib", 3),
        "remote" => BuildCause.Remote("127.0.0.1", "nightly"),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(TriggeredByCases))]
    public async Task TriggeredBy_Cause_RunsTheStageOnlyForThatCause(string cause, string condition, bool runs)
    {
        // Given
        using var runner = new PipelineRunner();

        // When
        var (result, log, _) = await runner.RunAsync(
            $"pipeline {{ agent none\n stages {{ stage('Two') {{ when {{ {condition} }}\n steps {{ echo 'RAN' }} }} }} }}",
            adjust: r => r with { Cause = Cause(cause) });

        // Then
        Assert.True(result == BuildResult.Success, log);
        Assert.Equal(runs, log.Contains("RAN\n", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("scm", "Started by an SCM change")]
    [InlineData("timer", "Started by timer")]
    [InlineData("alice", "Started by user alice")]
    [InlineData("upstream", "Started by upstream project \"lib\" build number 3")]
    [InlineData("remote", "Started by remote host 127.0.0.1 with note: nightly")]
    public async Task Log_FirstLine_WordsTheCauseAsJenkins(string cause, string line)
    {
        using var runner = new PipelineRunner();

        var (_, log, _) = await runner.RunAsync("echo 'x'", adjust: r => r with { Cause = Cause(cause) });

        Assert.StartsWith(line + "\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBuildCauses_UpstreamBuild_GivesJenkinsShapeAndFiltersByClass()
    {
        // Given
        using var runner = new PipelineRunner();
        const string Jenkinsfile = """
            def all = currentBuild.getBuildCauses()
            echo "ALL ${all.size()} ${all[0]._class} | ${all[0].shortDescription} | ${all[0].upstreamProject} ${all[0].upstreamBuild} ${all[0].upstreamUrl}"
            echo "UPSTREAM ${currentBuild.getBuildCauses('hudson.model.Cause$UpstreamCause').size()}"
            echo "TIMER ${currentBuild.getBuildCauses('hudson.triggers.TimerTrigger$TimerTriggerCause').size()}"
            echo "BASE ${currentBuild.getBuildCauses('hudson.model.Cause').size()}"
            """;

        // When
        var (result, log, _) = await runner.RunAsync(Jenkinsfile, adjust: r => r with { Cause = BuildCause.Upstream("lib", 3) });

        // Then
        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("ALL 1 hudson.model.Cause$UpstreamCause | Started by upstream project \"lib\" build number 3 | lib 3 job/lib/\n", log, StringComparison.Ordinal);
        Assert.Contains("UPSTREAM 1\n", log, StringComparison.Ordinal);
        Assert.Contains("TIMER 0\n", log, StringComparison.Ordinal);
        Assert.Contains("BASE 1\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBuildCauses_Timer_IsTheTimerTriggerClass()
    {
        using var runner = new PipelineRunner();

        var (_, log, _) = await runner.RunAsync(
            "echo \"C ${currentBuild.getBuildCauses('hudson.triggers.TimerTrigger$TimerTriggerCause')[0]._class}\"",
            adjust: r => r with { Cause = BuildCause.Timer() });

        Assert.Contains("C hudson.triggers.TimerTrigger$TimerTriggerCause\n", log, StringComparison.Ordinal);
    }
}
