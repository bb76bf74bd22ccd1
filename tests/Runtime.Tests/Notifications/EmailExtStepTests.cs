using System.IO.Compression;
using System.Text;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Pipeline.Scm;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Tests.Engine;
using ContainerCd.Runtime.Tests.Scm;
using MimeKit;

namespace ContainerCd.Runtime.Tests.Notifications;

/// <summary>emailext sends through a real SMTP server on loopback: recipients, tokens, attachments, and a server that is down.</summary>
public sealed class EmailExtStepTests
{
    private static string Pipeline(string steps) => $$"""
        pipeline {
            agent any
            stages {
                stage('Build') {
                    steps {
                        {{steps}}
                    }
                }
            }
        }
        """;

    private static RuntimeConfig MailTo(int port) => RuntimeConfig.Empty with { Mail = new MailSettings("127.0.0.1") { SmtpPort = port, From = "ci@example.com" } };

    private static MimeMessage Parse(string mail) => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(mail)));

    private static byte[] Content(MimePart part)
    {
        using var content = new MemoryStream();
        Assert.NotNull(part.Content);
        part.Content.DecodeTo(content);
        return content.ToArray();
    }

    [Fact]
    public async Task Emailext_SendsToTheAuthorsOfTheChangesAndTo_WithTokens_AndLogsWhatItCannotResolve()
    {
        // Given a repository built once, then a commit by Ada, and an SMTP server on loopback
        await using var smtp = await SmtpSink.StartAsync();
        using var repository = new TestRepository();
        using var runner = new PipelineRunner { Config = MailTo(smtp.Port) };
        var jenkinsfile = Pipeline("""
            emailext to: 'team@example.com', subject: '$DEFAULT_SUBJECT', body: 'Build ${BUILD_NUMBER} of $PROJECT_NAME: $BUILD_URL',
                     recipientProviders: [developers(), requestor(), upstreamDevelopers()]
            """);
        var first = repository.Commit("first", ("Jenkinsfile", jenkinsfile));
        repository.Push();
        await runner.RunAsync(jenkinsfile, adjust: request => request with { Repository = new GitSource(repository.Url, "main", first) });
        var pushed = repository.Commit("change", ("a.txt", "a"));
        repository.Push();

        // When the second build runs emailext with developers(), requestor() (user 'anonymous') and upstreamDevelopers()
        var (result, log, _) = await runner.RunAsync(jenkinsfile, adjust: request => request with { Repository = new GitSource(repository.Url, "main", pushed) });

        // Then the mail went to 'to' and the change's author, with the tokens expanded, as an HTML body
        Assert.True(result == BuildResult.Success, log);
        var raw = smtp.Received().Single(m => m.Contains("Build # 2", StringComparison.Ordinal));
        Assert.Contains("X-RcptTo: team@example.com, ada@example.invalid", raw, StringComparison.Ordinal);
        var mail = Parse(raw);
        Assert.Equal("test0 - Build # 2 - Building!", mail.Subject);
        Assert.Equal($"Build 2 of test0: file://{Path.GetFullPath(runner.Home)}/jobs/test0/2/", mail.HtmlBody?.TrimEnd('\n'));
        Assert.Contains("Sending email to: team@example.com ada@example.invalid\n", log, StringComparison.Ordinal);
        Assert.Contains("Failed to send e-mail to anonymous because no e-mail address is known, and no default e-mail domain is configured", log, StringComparison.Ordinal);
        Assert.Contains("upstreamDevelopers(): containercd does not know", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emailext_AttachesTheLogSoFar_ZippedWithCompressLog_AndWorkspaceFilesOfThePattern()
    {
        await using var smtp = await SmtpSink.StartAsync();
        using var runner = new PipelineRunner { Config = MailTo(smtp.Port) };

        var (result, log, _) = await runner.RunAsync(Pipeline("""
            echo 'hello from the build'
            writeFile file: 'out/report.txt', text: 'the report'
            writeFile file: 'out/skip.bin', text: 'no'
            emailext to: 'dev@example.com', subject: 'Status: $BUILD_STATUS', body: 'plain', mimeType: 'text/plain',
                     attachLog: true, compressLog: true, attachmentsPattern: 'out/*.txt'
            """));

        Assert.True(result == BuildResult.Success, log);
        var mail = Parse(Assert.Single(smtp.Received()));
        Assert.Equal("Status: Building", mail.Subject);
        Assert.Equal("plain", mail.TextBody);
        var attachments = mail.Attachments.OfType<MimePart>().ToList();
        Assert.Equal(["report.txt", "build.zip"], attachments.Select(a => a.FileName));
        Assert.Equal("the report", Encoding.UTF8.GetString(Content(attachments[0])));
        using var zip = new ZipArchive(new MemoryStream(Content(attachments[1])));
        using var reader = new StreamReader(Assert.Single(zip.Entries, e => e.FullName == "build.log").Open());
        Assert.Contains("hello from the build\n", await reader.ReadToEndAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emailext_AttachLog_AttachesBuildLogAsText()
    {
        await using var smtp = await SmtpSink.StartAsync();
        using var runner = new PipelineRunner { Config = MailTo(smtp.Port) };

        var (result, log, _) = await runner.RunAsync(Pipeline("""
            echo 'hello from the build'
            emailext to: 'dev@example.com', subject: 's', body: '<b>b</b>', attachLog: true
            """));

        Assert.True(result == BuildResult.Success, log);
        var mail = Parse(Assert.Single(smtp.Received()));
        Assert.Equal("<b>b</b>", mail.HtmlBody);
        var attachment = Assert.Single(mail.Attachments.OfType<MimePart>());
        Assert.Equal("build.log", attachment.FileName);
        Assert.Contains("hello from the build\n", Encoding.UTF8.GetString(Content(attachment)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emailext_ToAServerThatIsDown_FailsTheStepWithTheReason_AndTheBuildEnds()
    {
        var port = SmtpSink.FreePort();
        using var runner = new PipelineRunner { Config = MailTo(port) };

        var (result, log, _) = await runner.RunAsync(Pipeline("emailext to: 'dev@example.com', subject: 'x', body: 'y'"));

        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains($"emailext: could not send the mail through 127.0.0.1:{port}: Connection refused", log, StringComparison.Ordinal);
        Assert.EndsWith("Finished: FAILURE\n", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Emailext_WithAPresendScript_FailsNamingIt_InsteadOfSendingWithoutIt()
    {
        await using var smtp = await SmtpSink.StartAsync();
        using var runner = new PipelineRunner { Config = MailTo(smtp.Port) };

        var (result, log, _) = await runner.RunAsync(Pipeline("emailext to: 'dev@example.com', subject: 'x', body: 'y', presendScript: 'cancel = true'"));

        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("presendScript", log, StringComparison.Ordinal);
        Assert.Contains("ContainerCd runs no email-ext scripts", log, StringComparison.Ordinal);
        Assert.Empty(smtp.Received());
    }

    [Fact]
    public async Task Emailext_WithoutRecipients_IsLoggedAndIgnored_AsEmailExtDoes()
    {
        using var runner = new PipelineRunner();

        var (result, log, _) = await runner.RunAsync(Pipeline("emailext subject: 'x', body: 'y', recipientProviders: [developers()]"));

        Assert.True(result == BuildResult.Success, log);
        Assert.Contains("An attempt to send an e-mail to empty list of recipients, ignored.", log, StringComparison.Ordinal);
    }
}
