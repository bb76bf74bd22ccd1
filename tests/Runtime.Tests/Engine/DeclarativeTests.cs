using System.Collections.Immutable;
using ContainerCd.Runtime.Events;
using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Tests.Engine;

public class DeclarativeTests
{
    [Theory]
    [InlineData("branch 'main'", "main", true)]
    [InlineData("branch 'release-*'", "release-2", true)]
    [InlineData("branch 'release-*'", "feature", false)]
    [InlineData("branch pattern: 'rel.*', comparator: 'REGEXP'", "release", true)]
    [InlineData("branch pattern: 'main', comparator: 'EQUALS'", "mainline", false)]
    [InlineData("environment name: 'BRANCH_NAME', value: 'main'", "main", true)]
    [InlineData("equals expected: 2, actual: 1 + 1", "main", true)]
    [InlineData("expression { return env.BRANCH_NAME == 'main' }", "main", true)]
    [InlineData("not { branch 'main' }", "main", false)]
    [InlineData("anyOf { branch 'x'; branch 'main' }", "main", true)]
    [InlineData("allOf { branch 'main'; expression { false } }", "main", false)]
    [InlineData("tag 'v*'", "main", false)]
    [InlineData("buildingTag()", "main", false)]
    [InlineData("triggeredBy 'UserIdCause'", "main", true)]
    [InlineData("triggeredBy 'TimerTrigger'", "main", false)]
    public async Task When_Condition_DecidesWhetherStageRuns(string condition, string branch, bool runs)
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync(
            $"pipeline {{ agent none\n stages {{ stage('Two') {{ when {{ {condition} }}\n steps {{ echo 'RAN' }} }} }} }}",
            environment: ImmutableDictionary<string, string>.Empty.Add("BRANCH_NAME", branch));
        Assert.True(result == BuildResult.Success, log);
        Assert.Equal(runs, log.Contains("RAN\n", StringComparison.Ordinal));
        Assert.Equal(!runs, log.Contains("Stage \"Two\" skipped due to when conditional", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_RunsInJenkinsOrder_AndChangedComparesWithPreviousBuild()
    {
        using var runner = new PipelineRunner();
        const string Jenkinsfile = """
            pipeline {
                agent none
                stages { stage('s') { steps { script { if (currentBuild.number == 1) { error 'first fails' } } } } }
                post {
                    cleanup { echo 'P-cleanup' }
                    failure { echo 'P-failure' }
                    success { echo 'P-success' }
                    fixed { echo 'P-fixed' }
                    changed { echo 'P-changed' }
                    always { echo 'P-always' }
                }
            }
            """;
        var (first, log1, _) = await runner.RunAsync(Jenkinsfile);
        Assert.Equal(BuildResult.Failure, first);
        Assert.Matches("(?s)P-always.*P-changed.*P-failure.*P-cleanup", log1);
        var (second, log2, _) = await runner.RunAsync(Jenkinsfile);
        Assert.Equal(BuildResult.Success, second);
        Assert.Matches("(?s)P-always.*P-changed.*P-fixed.*P-success.*P-cleanup", log2);
        var (_, log3, _) = await runner.RunAsync(Jenkinsfile);
        Assert.DoesNotContain("P-changed", log3, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallel_RunsConcurrently_FailFastAbortsOthers()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync("""
            pipeline {
                agent none
                stages {
                    stage('p') {
                        failFast true
                        parallel {
                            stage('a') { steps { sleep 1; error 'boom' } }
                            stage('b') { steps { sleep 30; echo 'NEVER' } post { aborted { echo 'B ABORTED' } } }
                        }
                    }
                }
            }
            """);
        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("Failed in branch a", log, StringComparison.Ordinal);
        Assert.Contains("B ABORTED", log, StringComparison.Ordinal);
        Assert.DoesNotContain("NEVER", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Matrix_RunsEveryCellExceptExcluded()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync("""
            pipeline {
                agent none
                stages {
                    stage('m') {
                        matrix {
                            axes {
                                axis { name 'OS'; values 'linux', 'mac' }
                                axis { name 'V'; values '1', '2' }
                            }
                            excludes { exclude { axis { name 'OS'; values 'mac' }; axis { name 'V'; values '2' } } }
                            stages { stage('cell') { steps { echo "cell ${OS}-${V}" } } }
                        }
                    }
                }
            }
            """);
        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("{ (Branch: Matrix - OS = 'linux', V = '1')", log, StringComparison.Ordinal);
        Assert.Contains("cell mac-1", log, StringComparison.Ordinal);
        Assert.DoesNotContain("cell mac-2", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parameters_DefaultsOverridesAndEnvironment()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync("""
            pipeline {
                agent none
                parameters { string(name: 'WHO', defaultValue: 'world'); booleanParam(name: 'LOUD', defaultValue: false); choice(name: 'C', choices: ['x', 'y']) }
                stages { stage('s') { steps { echo "hello ${params.WHO} ${params.LOUD} ${params.C} ${env.WHO}" } } }
            }
            """, parameters: ImmutableDictionary<string, string>.Empty.Add("LOUD", "true"));
        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("hello world true x world", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_SequenceIsContiguous_ChunksRebuildTheLog_StagesHaveSkipReason()
    {
        using var runner = new PipelineRunner();
        var (_, log, observer) = await runner.RunAsync("""
            pipeline { agent none
              stages { stage('a') { steps { echo 'x' } } stage('b') { when { expression { false } } steps { echo 'y' } } } }
            """);
        var events = observer.Events;
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.IsType<BuildStarted>(events[0]);
        Assert.IsType<BuildFinished>(events[^1]);
        var chunks = events.OfType<LogChunk>().ToList();
        Assert.Equal(log, string.Concat(chunks.Select(c => c.Text)));
        long offset = 0;
        foreach (var chunk in chunks)
        {
            Assert.Equal(offset, chunk.Offset);
            offset += System.Text.Encoding.UTF8.GetByteCount(chunk.Text);
        }

        var b = events.OfType<StageFinished>().Single(s => s.Name == "b");
        Assert.True(b.Skipped);
        Assert.Contains("when conditional", b.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Abort_ExternalCancellation_EndsAborted()
    {
        using var runner = new PipelineRunner();
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        abort.CancelAfter(TimeSpan.FromSeconds(1));
        var (result, log, _) = await runner.RunAsync("pipeline { agent any\n stages { stage('s') { steps { sh 'sleep 60' } } }\n post { aborted { echo 'POST ABORTED' } } }", abort: abort);
        Assert.Equal(BuildResult.Aborted, result);
        Assert.Contains("POST ABORTED", log, StringComparison.Ordinal);
        Assert.EndsWith("Finished: ABORTED\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TimestampsOption_StampsEachLineOfStepOutput_NotThePipelineLines()
    {
        // Given a build whose clock reads a fixed time
        using var runner = new PipelineRunner();
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 5, 9, 29, 38, 547, TimeSpan.Zero));
        const string Jenkinsfile = """
            pipeline {
                agent any
                options { timestamps() }
                stages { stage('Build') { steps { echo 'hello'; sh 'printf "one\\ntwo\\n"' } } }
            }
            """;

        // When
        var (result, log, _) = await runner.RunAsync(Jenkinsfile, adjust: r => r with { Time = clock });

        // Then
        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("[Pipeline] echo\n[2026-12-05T09:29:38.547Z] hello\n", log, StringComparison.Ordinal);
        Assert.Contains("[2026-12-05T09:29:38.547Z] one\n[2026-12-05T09:29:38.547Z] two\n", log, StringComparison.Ordinal);
        Assert.Contains("\n[Pipeline] sh\n", log, StringComparison.Ordinal);
        Assert.EndsWith("\nFinished: SUCCESS\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTimestamps_LinesAreNotStamped()
    {
        using var runner = new PipelineRunner();
        var (result, log, _) = await runner.RunAsync("pipeline { agent any\n stages { stage('Build') { steps { echo 'hello' } } } }");
        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("[Pipeline] echo\nhello\n", log, StringComparison.Ordinal);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
