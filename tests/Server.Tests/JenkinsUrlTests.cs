using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>Jenkins' URLs: the ones the server does not serve answer 404; the input step's URLs answer inputs as Jenkins does.</summary>
public sealed class JenkinsUrlTests
{
    private const string GatedJenkinsfile = """
        pipeline {
          agent none
          stages {
            stage('Approve') {
              steps {
                script {
                  def target = input message: 'Deploy where?', id: 'Target', ok: 'Deploy',
                    parameters: [string(name: 'TARGET', defaultValue: 'staging', description: 'environment'), booleanParam(name: 'DRY', defaultValue: true)]
                  echo "deploying to ${target.TARGET} dry=${target.DRY}"
                }
              }
            }
          }
        }
        """;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("job/app/1/testReport/api/json")]
    [InlineData("job/app/1/artifact/out/app.jar")]
    [InlineData("job/app/lastBuild/changes")]
    [InlineData("job/app/1/execution/node/3/log/")]
    [InlineData("job/app/ws/")]
    public async Task UnservedJenkinsUrl_Answers404_NotTheViewer(string path)
    {
        // Given a server with a finished build
        await using var server = await TestServer.StartAsync(jobs: "app");
        server.Executor.Add("app", Scripts.Pipeline());
        var number = await server.TriggerAsync("app");
        await server.WaitFinishedAsync("app", number);

        // When a Jenkins URL the server does not serve is asked for
        using var response = await server.Http.GetAsync(path, Token);

        // Then
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("job/app/")]
    [InlineData("job/app")]
    [InlineData("job/app/1/")]
    [InlineData("job/app/1/console")]
    [InlineData("job/app/1/testReport/")]
    [InlineData("job/app/1/stage/Test/unit")]
    public async Task ViewerPage_IsTheViewer(string path)
    {
        // Given
        await using var server = await TestServer.StartAsync(jobs: "app");

        // When
        using var response = await server.Http.GetAsync(path, Token);

        // Then
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task PendingInput_ListedByWfapi_AndProceedWithParameters_GivesTheValuesToTheBuild()
    {
        // Given a build waiting at an input with parameters
        await using var server = await TestServer.StartRealAsync(("gate", GatedJenkinsfile));
        var number = await server.TriggerAsync("gate");
        var pending = await PendingAsync(server, number);

        // Then Stage View's list describes it, with the URLs that answer it
        var action = Assert.Single(pending);
        Assert.Equal("Target", action.GetProperty("id").GetString());
        Assert.Equal("Deploy where?", action.GetProperty("message").GetString());
        Assert.Equal("Deploy", action.GetProperty("proceedText").GetString());
        Assert.Equal($"/job/gate/{number}/wfapi/inputSubmit?inputId=Target", action.GetProperty("proceedUrl").GetString());
        Assert.Equal($"/job/gate/{number}/input/Target/abort", action.GetProperty("abortUrl").GetString());
        Assert.Equal($"/job/gate/{number}/input/", action.GetProperty("redirectApprovalUrl").GetString());
        var inputs = action.GetProperty("inputs").EnumerateArray().ToList();
        Assert.Equal(["StringParameterDefinition", "BooleanParameterDefinition"], inputs.Select(i => i.GetProperty("type").GetString()));
        Assert.Equal("staging", inputs[0].GetProperty("definition").GetProperty("defaultVal").GetString());

        // When it is answered at Jenkins' proceed URL, as alice, with the form Jenkins' clients send
        using var request = new HttpRequestMessage(HttpMethod.Post, $"job/gate/{number}/input/Target/proceed")
        {
            Content = new FormUrlEncodedContent([new("json", """{"parameter":[{"name":"TARGET","value":"prod"},{"name":"DRY","value":false}]}""")]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:api-token")));
        using var answer = await server.Http.SendAsync(request, Token);

        // Then the build goes on with those values, approved by alice
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var build = await server.WaitFinishedAsync("gate", number);
        var console = await server.Http.GetStringAsync($"job/gate/{number}/consoleText", Token);
        Assert.True(build.GetProperty("build").GetProperty("result").GetString() == "SUCCESS", console);
        Assert.Contains("deploying to prod dry=false", console, StringComparison.Ordinal);
        Assert.Contains("Approved by alice", console, StringComparison.Ordinal);

        // And the input, settled, can no longer be answered; an input that never was is not there
        using var again = await server.Http.PostAsync($"job/gate/{number}/input/Target/proceedEmpty", null, Token);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        using var unknown = await server.Http.PostAsync($"job/gate/{number}/input/Nope/proceedEmpty", null, Token);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("proceedEmpty", "SUCCESS", "deploying to staging dry=true")]
    [InlineData("abort", "ABORTED", "Rejected by anonymous")]
    public async Task PendingInput_ProceedEmptyOrAbortUrl_SettlesIt(string action, string result, string line)
    {
        // Given a build waiting at an input
        await using var server = await TestServer.StartRealAsync(("gate", GatedJenkinsfile));
        var number = await server.TriggerAsync("gate");
        await PendingAsync(server, number);

        // When it is answered at Jenkins' URL
        using var answer = await server.Http.PostAsync($"job/gate/{number}/input/Target/{action}", null, Token);

        // Then
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var build = await server.WaitFinishedAsync("gate", number);
        var console = await server.Http.GetStringAsync($"job/gate/{number}/consoleText", Token);
        Assert.True(build.GetProperty("build").GetProperty("result").GetString() == result, console);
        Assert.Contains(line, console, StringComparison.Ordinal);
        Assert.Empty(await server.Http.GetFromJsonAsync<JsonElement[]>($"job/gate/{number}/wfapi/pendingInputActions", Token) ?? []);
    }

    [Fact]
    public async Task InputAskedAgainWithTheSameId_WaitsForItsOwnAnswer()
    {
        // Given a build that asks the same input twice (an approval in a loop: the same id both times)
        await using var server = await TestServer.StartRealAsync(("gate", """
            pipeline {
              agent none
              stages {
                stage('Approve') {
                  steps {
                    script {
                      for (int round = 1; round <= 2; round++) {
                        input message: 'Go on?', id: 'Target'
                        echo "passed round ${round}"
                      }
                    }
                  }
                }
              }
            }
            """));
        var number = await server.TriggerAsync("gate");
        await PendingAsync(server, number);

        // When the first is approved
        using var first = await server.Http.PostAsync($"job/gate/{number}/input/Target/proceedEmpty", null, Token);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        // Then the second waits for an answer of its own, and gets the one it is given
        await PendingRoundAsync(server, number, "passed round 1");
        await PendingAsync(server, number);
        using var second = await AbortOnceAskedAgainAsync(server, number);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var build = await server.WaitFinishedAsync("gate", number);
        var console = await server.Http.GetStringAsync($"job/gate/{number}/consoleText", Token);
        Assert.True(build.GetProperty("build").GetProperty("result").GetString() == "ABORTED", console);
        Assert.DoesNotContain("passed round 2", console, StringComparison.Ordinal);
    }

    /// <summary>
    /// The abort of the second ask. The API reads the inputs from the store, which can lag the live log by a moment:
    /// until the second ask is stored, the id is the first one's, already answered (400), so that answer is retried
    /// for at most 10 s; it can never reach the first round, which has already passed.
    /// </summary>
    private static async Task<HttpResponseMessage> AbortOnceAskedAgainAsync(TestServer server, int number)
    {
        for (var i = 0; ; i++)
        {
            var response = await server.Http.PostAsync($"job/gate/{number}/input/Target/abort", null, Token);
            if (response.StatusCode != HttpStatusCode.BadRequest || i == 200)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(50, Token);
        }
    }

    private static async Task PendingRoundAsync(TestServer server, int number, string line)
    {
        for (var i = 0; i < 600; i++)
        {
            if ((await server.Http.GetStringAsync($"job/gate/{number}/consoleText", Token)).Contains(line, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(50, Token);
        }

        throw new TimeoutException($"gate #{number} did not log '{line}' in 30 s");
    }

    private static async Task<JsonElement[]> PendingAsync(TestServer server, int number)
    {
        for (var i = 0; i < 600; i++)
        {
            using var response = await server.Http.GetAsync($"job/gate/{number}/wfapi/pendingInputActions", Token);
            if (response.StatusCode == HttpStatusCode.OK && await response.Content.ReadFromJsonAsync<JsonElement[]>(Token) is { Length: > 0 } pending)
            {
                return pending;
            }

            await Task.Delay(50, Token);
        }

        throw new TimeoutException($"gate #{number} asked no input in 30 s");
    }
}
