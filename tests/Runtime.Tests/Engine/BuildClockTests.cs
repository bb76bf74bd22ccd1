using ContainerCd.Runtime.Results;

namespace ContainerCd.Runtime.Tests.Engine;

/// <summary>Scripts read the build's clock (the request's TimeProvider), never the machine's directly.</summary>
public class BuildClockTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public async Task NewDate_IsTheBuildClocksNow()
    {
        // Given a build whose clock says 2026-12-05T09:29:38.547Z
        using var runner = new PipelineRunner();
        var clock = new FixedClock(new DateTimeOffset(2026, 12, 5, 9, 29, 38, 547, TimeSpan.Zero));
        const string Jenkinsfile = """
            pipeline {
                agent any
                stages {
                    stage('s') {
                        steps {
                            script {
                                def stamp = new Date().format('yyyy-MM-dd HH:mm:ss.SSS', TimeZone.getTimeZone('UTC'))
                                echo "stamp=${stamp} millis=${System.currentTimeMillis()}"
                            }
                        }
                    }
                }
            }
            """;

        // When
        var (result, log, _) = await runner.RunAsync(Jenkinsfile, adjust: r => r with { Time = clock });

        // Then
        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("stamp=2026-12-05 09:29:38.547 millis=1796462978547\n", log, StringComparison.Ordinal);
    }
}
