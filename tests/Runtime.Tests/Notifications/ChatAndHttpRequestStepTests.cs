using System.Text.Json;
using ContainerCd.Runtime.Pipeline.Configuration;
using ContainerCd.Runtime.Results;
using ContainerCd.Runtime.Tests.Engine;

namespace ContainerCd.Runtime.Tests.Notifications;

/// <summary>slackSend, mattermostSend and httpRequest against a real HTTP listener on loopback.</summary>
public sealed class ChatAndHttpRequestStepTests
{
    private static string Pipeline(string steps) => $$"""
        pipeline {
            agent any
            stages {
                stage('Notify') {
                    steps {
                        {{steps}}
                    }
                }
            }
        }
        """;

    [Fact]
    public async Task SlackSend_PostsSlackJsonToTheConfiguredWebhook_WhoseUrlNeverReachesTheLog()
    {
        // Given a Slack webhook whose URL holds its secret, given as a credential
        await using var hook = new RecordingHttpServer();
        var config = RuntimeConfig.Empty with
        {
            Slack = new ChatSettings { WebhookCredentialId = "slack-hook", Channel = "#builds" },
            Credentials = [new CredentialDefinition("slack-hook", "string") { Secret = $"{hook.Url}/services/T000/B000/XyzSecretToken" }],
        };
        using var runner = new PipelineRunner { Config = config };

        // When a build sends with a color, and one with the config's channel
        var (result, log, _) = await runner.RunAsync(Pipeline("""
            slackSend channel: '#ci', color: 'good', message: "Build ${env.BUILD_NUMBER} passed"
            slackSend message: 'plain'
            """));

        // Then the webhook received Slack's JSON, and the log names no secret
        Assert.True(result == BuildResult.Success, log);
        var requests = hook.Requests.ToList();
        Assert.Equal(2, requests.Count);
        Assert.All(requests, r => Assert.Equal(("POST", "/services/T000/B000/XyzSecretToken"), (r.Method, r.Path)));
        using var colored = JsonDocument.Parse(requests[0].Body);
        Assert.Equal("#ci", colored.RootElement.GetProperty("channel").GetString());
        var attachment = colored.RootElement.GetProperty("attachments")[0];
        Assert.Equal(("good", "Build 1 passed"), (attachment.GetProperty("color").GetString(), attachment.GetProperty("text").GetString()));
        using var plain = JsonDocument.Parse(requests[1].Body);
        Assert.Equal(("#builds", "plain"), (plain.RootElement.GetProperty("channel").GetString(), plain.RootElement.GetProperty("text").GetString()));
        Assert.StartsWith("application/json", requests[0].ContentType, StringComparison.Ordinal);
        Assert.DoesNotContain("XyzSecretToken", log, StringComparison.Ordinal);
        Assert.Contains("Slack Send Pipeline step running", log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "SUCCESS")]
    [InlineData(", failOnError: true", "FAILURE")]
    public async Task ChatWebhookThatFails_IsAnErrorInTheLog_AndFailsTheBuildOnlyWithFailOnError(string failOnError, string expected)
    {
        await using var hook = new RecordingHttpServer { Status = 404, ResponseBody = "no_team" };
        using var runner = new PipelineRunner { Config = RuntimeConfig.Empty with { Mattermost = new ChatSettings { WebhookUrl = $"{hook.Url}/hooks/abc" } } };

        var (result, log, _) = await runner.RunAsync(Pipeline($"mattermostSend channel: 'town-square', color: '#ff0000', message: 'broken'{failOnError}"));

        Assert.Equal(expected, result.ToString().ToUpperInvariant());
        Assert.Contains("Mattermost notification failed: the webhook answered 404 Not Found: no_team", log, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(Assert.Single(hook.Requests).Body);
        Assert.Equal("town-square", body.RootElement.GetProperty("channel").GetString());
        Assert.DoesNotContain("/hooks/abc", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SlackSend_WithoutAWebhookConfigured_FailsSayingSo()
    {
        using var runner = new PipelineRunner();

        var (result, log, _) = await runner.RunAsync(Pipeline("slackSend message: 'x'"));

        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("slackSend: no Slack webhook is configured", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpRequest_SendsTheRequest_ReturnsStatusAndContent_AndMasksMaskedHeaders()
    {
        // Given an HTTP endpoint and a credential for it
        await using var server = new RecordingHttpServer { ResponseBody = """{"deployed":true}""" };
        using var runner = new PipelineRunner { Config = RuntimeConfig.Empty with { Credentials = [new CredentialDefinition("api", "usernamePassword") { Username = "bot", Password = "pw" }] } };

        // When a build posts JSON with headers and reads the response
        var (result, log, _) = await runner.RunAsync(Pipeline($$"""
            script {
                def response = httpRequest url: '{{server.Url}}/deploy?env=qa', httpMode: 'POST', contentType: 'APPLICATION_JSON',
                    requestBody: '{"version":"1.2"}', authentication: 'api', validResponseCodes: '200:299',
                    customHeaders: [[name: 'X-Token', value: 'hunter2', maskValue: true], [name: 'X-Plain', value: 'visible']]
                echo "status=${response.status} content=${response.content} header=${response.headers['X-Answer'][0]}"
                echo "token header is hunter2"
            }
            """));

        // Then the request arrived as asked, the step logs as the plugin does, and the masked value is hidden
        Assert.True(result == BuildResult.Success, log);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/deploy?env=qa", """{"version":"1.2"}"""), (request.Method, request.Path, request.Body));
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal(("hunter2", "visible"), (request.Headers["X-Token"], request.Headers["X-Plain"]));
        Assert.Equal("Basic " + Convert.ToBase64String("bot:pw"u8.ToArray()), request.Headers["Authorization"]);
        Assert.Contains("HttpMethod: POST", log, StringComparison.Ordinal);
        Assert.Contains("Success: Status code 200 is in the accepted range: 200:299", log, StringComparison.Ordinal);
        Assert.Contains("""status=200 content={"deployed":true} header=recorded""", log, StringComparison.Ordinal);
        Assert.Contains("token header is ****", log, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpRequest_StatusOutsideTheAcceptedRange_FailsTheStep()
    {
        await using var server = new RecordingHttpServer { Status = 500, ResponseBody = "boom" };
        using var runner = new PipelineRunner();

        var (result, log, _) = await runner.RunAsync(Pipeline($"httpRequest '{server.Url}/health'"));

        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains("Response Code: HTTP/1.1 500 Internal Server Error", log, StringComparison.Ordinal);
        Assert.Contains("Fail: Status code 500 is not in the accepted range: 100:399", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpRequest_ToAServerThatIsDown_FailsWithTheReason()
    {
        using var runner = new PipelineRunner();
        var port = SmtpSink.FreePort();

        var (result, log, _) = await runner.RunAsync(Pipeline($"httpRequest url: 'http://127.0.0.1:{port}/x', timeout: 5"));

        Assert.Equal(BuildResult.Failure, result);
        Assert.Contains($"httpRequest: http://127.0.0.1:{port}: Connection refused", log, StringComparison.Ordinal);
    }
}
