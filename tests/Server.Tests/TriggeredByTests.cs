using System.Net;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>
/// <c>when { triggeredBy ... }</c> on the builds repositories start, as Jenkins' TriggeredByConditional sees their
/// causes (the cause's class name contains the text): a GitHub push webhook gives the GitHub plugin's
/// GitHubPushCause (a subclass of SCMTriggerCause whose name does not contain "SCMTrigger", so
/// <c>triggeredBy 'SCMTrigger'</c> is false), a notifyCommit poll gives SCMTriggerCause (true), and a multibranch
/// branch event gives the branch API's BranchEventCause (false).
/// </summary>
public sealed class TriggeredByTests : RepositoryServerTest
{
    private const string Jenkinsfile = """
        pipeline { agent any; triggers { pollSCM('H H 1 1 *') }; stages {
          stage('scm') { when { triggeredBy 'SCMTrigger' }; steps { echo 'BY SCM TRIGGER' } }
          stage('push') { when { triggeredBy 'GitHubPushCause' }; steps { echo 'BY GITHUB PUSH' } }
          stage('event') { when { triggeredBy 'BranchEventCause' }; steps { echo 'BY BRANCH EVENT' } }
        } }
        """;

    [Fact]
    public async Task TriggeredBy_WebhookNotifyCommitAndBranchEventBuilds_SeeTheCausesJenkinsGivesThem()
    {
        // Given a single-branch job and a multibranch job on one repository, each built once
        var first = Repository.Commit("first", ("Jenkinsfile", Jenkinsfile));
        Repository.Push();
        await StartServerAsync($"""
            credentials:
              - id: app-hook
                type: string
                secret: "{Secret}"
            jobs:
              app:
                repository: {Repository.Url}
                branch: main
                webhookSecret: app-hook
              app-all:
                repository: {Repository.Url}
                multibranch: true
                webhookSecret: app-hook

            """);
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/main", 1));
        Assert.Equal("SUCCESS", await WaitResultAsync("app", await Server.TriggerAsync("app")));

        // When a push to main comes as a signed GitHub webhook
        var pushed = Repository.Commit("second", ("a.txt", "a"));
        Repository.Push();
        var (status, body) = await HookAsync("X-GitHub-Event", "push", PushPayload(pushed, first, "\"a.txt\""), Secret);
        Assert.True(status == HttpStatusCode.OK, body);

        // Then the single-branch job's build has the GitHub plugin's push cause, not SCMTrigger's
        Assert.Equal("SUCCESS", await WaitResultAsync("app", 2));
        var push = await Server.Http.GetStringAsync("job/app/2/consoleText", Token);
        Assert.StartsWith("Started by GitHub push by alice\n", push, StringComparison.Ordinal);
        Assert.Contains("BY GITHUB PUSH", push, StringComparison.Ordinal);
        Assert.DoesNotContain("BY SCM TRIGGER", push, StringComparison.Ordinal);

        // and the multibranch child's build the branch API's event cause
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/main", 2));
        var branchEvent = await Server.Http.GetStringAsync("job/app-all/job/main/2/consoleText", Token);
        Assert.StartsWith("Push event to branch main\n", branchEvent, StringComparison.Ordinal);
        Assert.Contains("BY BRANCH EVENT", branchEvent, StringComparison.Ordinal);
        Assert.DoesNotContain("BY SCM TRIGGER", branchEvent, StringComparison.Ordinal);

        // When another push is announced by the git plugin's notifyCommit (a poll, which finds main moved)
        Repository.Commit("third", ("b.txt", "b"));
        Repository.Push();
        Assert.Contains("Scheduled polling of app", await Server.Http.GetStringAsync("git/notifyCommit?url=" + Uri.EscapeDataString(Repository.Url), Token), StringComparison.Ordinal);

        // Then that build is SCMTrigger's
        Assert.Equal("SUCCESS", await WaitResultAsync("app", 3));
        var polled = await Server.Http.GetStringAsync("job/app/3/consoleText", Token);
        Assert.StartsWith("Started by an SCM change\n", polled, StringComparison.Ordinal);
        Assert.Contains("BY SCM TRIGGER", polled, StringComparison.Ordinal);
        Assert.DoesNotContain("BY GITHUB PUSH", polled, StringComparison.Ordinal);
    }
}
