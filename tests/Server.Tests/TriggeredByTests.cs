using System.Net;
using System.Security.Cryptography;
using System.Text;
using ContainerCd.Runtime.Tests.Scm;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>
/// <c>when { triggeredBy ... }</c> on the builds repositories start, as Jenkins' TriggeredByConditional sees their
/// causes (the cause's class name contains the text): a GitHub push webhook gives the GitHub plugin's
/// GitHubPushCause (a subclass of SCMTriggerCause whose name does not contain "SCMTrigger", so
/// <c>triggeredBy 'SCMTrigger'</c> is false), a notifyCommit poll gives SCMTriggerCause (true), and a multibranch
/// branch event gives the branch API's BranchEventCause (false).
/// </summary>
public sealed class TriggeredByTests : IAsyncDisposable
{
    private const string Secret = "app-hook-secret-value";

    private const string Jenkinsfile = """
        pipeline { agent any; triggers { pollSCM('H H 1 1 *') }; stages {
          stage('scm') { when { triggeredBy 'SCMTrigger' }; steps { echo 'BY SCM TRIGGER' } }
          stage('push') { when { triggeredBy 'GitHubPushCause' }; steps { echo 'BY GITHUB PUSH' } }
          stage('event') { when { triggeredBy 'BranchEventCause' }; steps { echo 'BY BRANCH EVENT' } }
        } }
        """;

    private readonly TestRepository _repository = new("app");
    private readonly string _home = TestServer.NewHome();
    private TestServer? _server;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _repository.Dispose();
    }

    [Fact]
    public async Task TriggeredBy_WebhookNotifyCommitAndBranchEventBuilds_SeeTheCausesJenkinsGivesThem()
    {
        // Given a single-branch job and a multibranch job on one repository, each built once
        var first = _repository.Commit("first", ("Jenkinsfile", Jenkinsfile));
        _repository.Push();
        var config = Path.Combine(_repository.Root, "containercd.yml");
        await File.WriteAllTextAsync(config, $"""
            credentials:
              - id: app-hook
                type: string
                secret: "{Secret}"
            jobs:
              app:
                repository: {_repository.Url}
                branch: main
                webhookSecret: app-hook
              app-all:
                repository: {_repository.Url}
                multibranch: true
                webhookSecret: app-hook

            """, Token);
        _server = await TestServer.StartWithConfigAsync(_home, config);
        Assert.Equal("SUCCESS", await JobWaits.ResultAsync(_server, "app-all/job/main", 1, Token));
        Assert.Equal("SUCCESS", await JobWaits.ResultAsync(_server, "app", await _server.TriggerAsync("app"), Token));

        // When a push to main comes as a signed GitHub webhook
        var pushed = _repository.Commit("second", ("a.txt", "a"));
        _repository.Push();
        using (var hook = new HttpRequestMessage(HttpMethod.Post, "webhook/git") { Content = new StringContent(PushPayload(pushed, first), Encoding.UTF8, "application/json") })
        {
            hook.Headers.Add("X-GitHub-Event", "push");
            hook.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(PushPayload(pushed, first)))));
            using var response = await _server.Http.SendAsync(hook, Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // Then the single-branch job's build has the GitHub plugin's push cause, not SCMTrigger's
        Assert.Equal("SUCCESS", await JobWaits.ResultAsync(_server, "app", 2, Token));
        var push = await _server.Http.GetStringAsync("job/app/2/consoleText", Token);
        Assert.StartsWith("Started by GitHub push by alice\n", push, StringComparison.Ordinal);
        Assert.Contains("BY GITHUB PUSH", push, StringComparison.Ordinal);
        Assert.DoesNotContain("BY SCM TRIGGER", push, StringComparison.Ordinal);

        // and the multibranch child's build the branch API's event cause
        Assert.Equal("SUCCESS", await JobWaits.ResultAsync(_server, "app-all/job/main", 2, Token));
        var branchEvent = await _server.Http.GetStringAsync("job/app-all/job/main/2/consoleText", Token);
        Assert.StartsWith("Push event to branch main\n", branchEvent, StringComparison.Ordinal);
        Assert.Contains("BY BRANCH EVENT", branchEvent, StringComparison.Ordinal);
        Assert.DoesNotContain("BY SCM TRIGGER", branchEvent, StringComparison.Ordinal);

        // When another push is announced by the git plugin's notifyCommit (a poll, which finds main moved)
        _repository.Commit("third", ("b.txt", "b"));
        _repository.Push();
        Assert.Contains("Scheduled polling of app", await _server.Http.GetStringAsync("git/notifyCommit?url=" + Uri.EscapeDataString(_repository.Url), Token), StringComparison.Ordinal);

        // Then that build is SCMTrigger's
        Assert.Equal("SUCCESS", await JobWaits.ResultAsync(_server, "app", 3, Token));
        var polled = await _server.Http.GetStringAsync("job/app/3/consoleText", Token);
        Assert.StartsWith("Started by an SCM change\n", polled, StringComparison.Ordinal);
        Assert.Contains("BY SCM TRIGGER", polled, StringComparison.Ordinal);
        Assert.DoesNotContain("BY GITHUB PUSH", polled, StringComparison.Ordinal);
    }

    private string PushPayload(string after, string before) => $$"""
        {"ref":"refs/heads/main","before":"{{before}}","after":"{{after}}",
         "repository":{"clone_url":"{{_repository.Url}}"},
         "pusher":{"name":"alice"},
         "commits":[{"id":"{{after}}","message":"m","author":{"name":"Ada"},"added":["a.txt"],"modified":[],"removed":[]}]}
        """;
}
