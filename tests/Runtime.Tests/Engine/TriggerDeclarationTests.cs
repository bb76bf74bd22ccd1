using System.Collections.Immutable;
using ContainerCd.Runtime.Pipeline.Triggers;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>The triggers a build sets for its job, as Jenkins registers them: Declarative's <c>triggers { }</c> and the <c>properties</c> step.</summary>
public class TriggerDeclarationTests
{
    private static async Task<(BuildResult Result, string Log, List<ImmutableArray<JobTrigger>> Declared)> RunAsync(string jenkinsfile)
    {
        using var runner = new PipelineRunner();
        var declared = new List<ImmutableArray<JobTrigger>>();
        var (result, log, _) = await runner.RunAsync(
            jenkinsfile,
            environment: ImmutableDictionary<string, string>.Empty.Add("BRANCH_NAME", "main"),
            adjust: r => r with { TriggersDeclared = declared.Add });
        return (result, log, declared);
    }

    [Fact]
    public async Task Declarative_TriggersSection_DeclaresEachTriggerAndWarnsAboutOnesNotRun()
    {
        // When
        var (result, log, declared) = await RunAsync("""
            pipeline {
                agent none
                triggers {
                    cron('H 2 * * 1-5')
                    pollSCM(scmpoll_spec: 'H/5 * * * *', ignorePostCommitHooks: true)
                    upstream(upstreamProjects: 'lib, tools', threshold: hudson.model.Result.UNSTABLE)
                    githubPush()
                }
                stages { stage('s') { steps { echo 'x' } } }
            }
            """);

        // Then
        Assert.True(result == BuildResult.Success, log);
        var triggers = Assert.Single(declared);
        Assert.Equal(3, triggers.Length);
        Assert.Equal(new CronTrigger("H 2 * * 1-5"), triggers[0]);
        Assert.Equal(new PollScmTrigger("H/5 * * * *", true), triggers[1]);
        var upstream = Assert.IsType<UpstreamTrigger>(triggers[2]);
        Assert.Equal(["lib", "tools"], upstream.Projects);
        Assert.Equal(BuildResult.Unstable, upstream.Threshold);
        Assert.Contains("WARNING: trigger 'githubPush' is not supported by containercd; it will not start builds of this job", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declarative_NoTriggersSection_DeclaresNone()
    {
        var (_, _, declared) = await RunAsync("pipeline { agent none\n stages { stage('s') { steps { echo 'x' } } } }");

        Assert.Empty(Assert.Single(declared));
    }

    [Fact]
    public async Task PropertiesStep_ComputedSpec_DeclaresTheEvaluatedSpec()
    {
        var (result, log, declared) = await RunAsync("""
            properties([disableConcurrentBuilds(), pipelineTriggers([cron(env.BRANCH_NAME == 'main' ? 'H H * * *' : ''), pollSCM('H/15 * * * *')])])
            echo 'done'
            """);

        Assert.True(result == BuildResult.Success, log);
        Assert.Equal([new CronTrigger("H H * * *"), new PollScmTrigger("H/15 * * * *", false)], Assert.Single(declared));
    }

    [Fact]
    public async Task PropertiesStep_WithoutPipelineTriggers_RemovesTheTriggers()
    {
        var (_, _, declared) = await RunAsync("properties([disableConcurrentBuilds()])");

        Assert.Empty(Assert.Single(declared));
    }

    [Fact]
    public async Task Scripted_NoPropertiesStep_LeavesTheTriggersAlone()
    {
        var (_, _, declared) = await RunAsync("echo 'x'");

        Assert.Empty(declared);
    }

    [Fact]
    public async Task PropertiesStep_ComputedSpecJenkinsRefuses_FailsTheBuildWithJenkinsMessage()
    {
        var (result, log, declared) = await RunAsync("""
            def spec = 'H H * * ' + 'sunday'
            properties([pipelineTriggers([cron(spec)])])
            echo 'NOT REACHED'
            """);

        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("java.lang.IllegalArgumentException: Invalid input: \"H H * * sunday\": line 1:8: token recognition error at: 's'", log, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT REACHED", log, StringComparison.Ordinal);
        Assert.Empty(declared);
    }

    [Fact]
    public async Task Declarative_LiteralSpecJenkinsRefuses_FailsAsLintReportsIt()
    {
        var (result, log, declared) = await RunAsync("""
            pipeline {
                agent none
                triggers { cron('H 25 * * *') }
                stages { stage('s') { steps { echo 'NOT REACHED' } } }
            }
            """);

        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("Invalid input: \"H 25 * * *\": line 1:4: 25 is an invalid value. Must be within 0 and 23 @ line 3, column", log, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT REACHED", log, StringComparison.Ordinal);
        Assert.Empty(declared);
    }

    [Fact]
    public async Task Declarative_SpecFromTheEnvironmentSection_IsResolved()
    {
        // Jenkins' EnvironmentTest.envVarInTriggers
        var (result, log, declared) = await RunAsync("""
            pipeline {
                agent none
                environment { CRON_SCHEDULE = '@daily' }
                triggers { cron("${CRON_SCHEDULE}") }
                stages { stage('s') { steps { echo "schedule ${CRON_SCHEDULE}" } } }
            }
            """);

        Assert.True(result == BuildResult.Success, log);
        Assert.Equal([new CronTrigger("@daily")], Assert.Single(declared));
    }
}
