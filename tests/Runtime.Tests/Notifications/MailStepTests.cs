using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Tests.Engine;

namespace ContainerCd.Runtime.Tests.Notifications;

/// <summary>The mail step sends through a real SMTP server on loopback, and fails with a reason when it cannot.</summary>
public sealed class MailStepTests
{
    private static string Pipeline(string steps) => $$"""
        pipeline {
            agent any
            environment { APP = 'shop' }
            stages {
                stage('Build') {
                    steps {
                        {{steps}}
                    }
                }
            }
        }
        """;

    [Fact]
    public async Task Mail_ReachesTheSmtpServer_WithRecipientsSubjectAndBody()
    {
        // Given an SMTP server on loopback, configured as the config's mail server
        await using var smtp = await SmtpSink.StartAsync();
        using var runner = new PipelineRunner { Config = RuntimeConfig.Empty with { Mail = new MailSettings("127.0.0.1") { SmtpPort = smtp.Port, From = "ci@example.com" } } };

        // When a build mails, with to, cc, bcc, an HTML body and a subject built from the environment
        var (result, log, _) = await runner.RunAsync(Pipeline("""
            mail to: 'dev@example.com, qa@example.com', cc: 'lead@example.com', bcc: 'audit@example.com',
                 subject: "${env.APP} #${env.BUILD_NUMBER} is broken", body: '<b>Fix it</b> ✓', mimeType: 'text/html'
            """));

        // Then the server received it, as the envelope and the headers say
        Assert.True(result == BuildResult.Success, log);
        var mail = Assert.Single(smtp.Received());
        Assert.Contains("Subject: shop #1 is broken", mail, StringComparison.Ordinal);
        Assert.Contains("To: dev@example.com, qa@example.com", mail, StringComparison.Ordinal);
        Assert.Contains("Cc: lead@example.com", mail, StringComparison.Ordinal);
        Assert.Contains("From: ci@example.com", mail, StringComparison.Ordinal);
        Assert.Contains("X-MailFrom: ci@example.com", mail, StringComparison.Ordinal);
        Assert.Contains("X-RcptTo: dev@example.com, qa@example.com, lead@example.com, audit@example.com", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("Bcc:", mail, StringComparison.Ordinal);
        Assert.Contains("Content-Type: text/html; charset=utf-8", mail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Mail_ToAServerThatIsDown_FailsTheStepWithTheReason_AndTheBuildEnds()
    {
        var port = SmtpSink.FreePort();
        using var runner = new PipelineRunner { Config = RuntimeConfig.Empty with { Mail = new MailSettings("127.0.0.1") { SmtpPort = port } } };

        var (result, log, _) = await runner.RunAsync(Pipeline("mail to: 'dev@example.com', subject: 'x', body: 'y'"));

        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains($"mail: could not send the mail through 127.0.0.1:{port}: Connection refused", log, StringComparison.Ordinal);
        Assert.EndsWith("Finished: FAILURE\n", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mail subject: 'x', body: 'y'", "Email not sent. No recipients of any kind specified ('to', 'cc', 'bcc').")]
    [InlineData("mail to: 'dev@example.com', subject: 'x', body: 'y'", "mail: no SMTP server is configured")]
    public async Task Mail_WithoutRecipientsOrServer_FailsSayingWhy(string step, string message)
    {
        using var runner = new PipelineRunner();

        var (result, log, _) = await runner.RunAsync(Pipeline(step));

        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains(message, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_DeclaredNoop_IsSkipped_EvenWithAServerConfigured()
    {
        using var runner = new PipelineRunner { Config = RuntimeConfig.Empty with { NoopSteps = ["mail"], Mail = new MailSettings("127.0.0.1") { SmtpPort = SmtpSink.FreePort() } } };

        var (result, log, _) = await runner.RunAsync(Pipeline("mail to: 'dev@example.com', subject: 'x', body: 'y'"));

        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("Skipped mail", log, StringComparison.Ordinal);
    }
}
