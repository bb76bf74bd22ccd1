using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Runtime.Tests.Scm;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>
/// Change requests of multibranch jobs (<c>discover: [pullRequests]</c>): the refs a forge publishes
/// (<c>refs/pull/N/head</c>, <c>refs/merge-requests/N/head</c>) pushed to a real bare repository, a real server,
/// real signed webhooks; each change request a child <c>PR-N</c>/<c>MR-N</c> building its commit with CHANGE_*.
/// </summary>
public sealed class ChangeRequestJobTests : RepositoryServerTest
{
    private const string Jenkinsfile = """
        pipeline { agent any; stages {
          stage('s') { steps {
            echo "BRANCH=${env.BRANCH_NAME} ID=${env.CHANGE_ID} TARGET=${env.CHANGE_TARGET} CBRANCH=${env.CHANGE_BRANCH} TITLE=${env.CHANGE_TITLE} AUTHOR=${env.CHANGE_AUTHOR} URL=${env.CHANGE_URL} PRIMARY=${env.BRANCH_IS_PRIMARY}"
            echo "COMMIT=${env.GIT_COMMIT} GB=${env.GIT_BRANCH}"
            sh 'git log -1 --format=SUBJECT=%s'
          } }
          stage('pr') { when { changeRequest target: 'main' }; steps { echo 'PR STAGE RAN' } }
        } }
        """;

    [Fact]
    public async Task Multibranch_PullAndMergeRequestRefs_ChildrenBuildTheirCommitsWithChangeVariables()
    {
        // Given a repository with main, a pull request ref and a merge request ref (as GitHub and GitLab publish them)
        Repository.Commit("main", ("Jenkinsfile", Jenkinsfile));
        Repository.Push();
        var pull = PublishChange("refs/pull/1/head", "pr one");
        var merge = PublishChange("refs/merge-requests/2/head", "mr two");

        // When a multibranch job discovering branches and pull requests is scanned
        await StartAsync("discover: [branches, pullRequests]");

        // Then it has a child per change request, named as Jenkins' branch sources name them, each built from its commit
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/PR-1", 1));
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/MR-2", 1));
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/main", 1));
        var folder = await Server.Http.GetFromJsonAsync<JsonElement>("job/app-all/api/json", Token);
        Assert.Equal(["MR-2", "PR-1", "main"], folder.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("name").GetString()));
        var pullLog = await Server.Http.GetStringAsync("job/app-all/job/PR-1/1/consoleText", Token);
        Assert.Contains("BRANCH=PR-1 ID=1 TARGET=main CBRANCH=null TITLE=null AUTHOR=null URL=null PRIMARY=null", pullLog, StringComparison.Ordinal);
        Assert.Contains($"COMMIT={pull} GB=PR-1", pullLog, StringComparison.Ordinal);
        Assert.Contains("SUBJECT=pr one", pullLog, StringComparison.Ordinal);
        Assert.Contains("PR STAGE RAN", pullLog, StringComparison.Ordinal);
        Assert.Contains($"\nObtained Jenkinsfile from {pull}\n", pullLog, StringComparison.Ordinal);
        var mergeLog = await Server.Http.GetStringAsync("job/app-all/job/MR-2/1/consoleText", Token);
        Assert.Contains("BRANCH=MR-2 ID=2 TARGET=main", mergeLog, StringComparison.Ordinal);
        Assert.Contains($"COMMIT={merge} GB=MR-2", mergeLog, StringComparison.Ordinal);
        Assert.Contains("SUBJECT=mr two", mergeLog, StringComparison.Ordinal);

        // and the branch child is no change request: its changeRequest stage is skipped
        var mainLog = await Server.Http.GetStringAsync("job/app-all/job/main/1/consoleText", Token);
        Assert.Contains("BRANCH=main ID=null TARGET=null", mainLog, StringComparison.Ordinal);
        Assert.Contains("Stage \"pr\" skipped due to when conditional", mainLog, StringComparison.Ordinal);
        Assert.DoesNotContain("PR STAGE RAN", mainLog, StringComparison.Ordinal);
        var scan = await Server.Http.GetStringAsync("job/app-all/indexing/consoleText", Token);
        Assert.Contains("  Checking change request PR-1\n      ‘Jenkinsfile’ found\n    Met criteria\n", scan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multibranch_SignedPullRequestWebhooks_BuildWithTheirTitleAndAuthorAndAClosedOneIsRetired()
    {
        // Given a multibranch job discovering pull requests, scanned once
        Repository.Commit("main", ("Jenkinsfile", Jenkinsfile));
        Repository.Push();
        await StartAsync("discover: [branches, pullRequests]\n    webhookSecret: app-hook");
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/main", 1));

        // When a pull request is opened and GitHub says so, first with a wrong signature, then signed
        var pull = PublishChange("refs/pull/3/head", "add feature");
        var opened = PullRequestPayload("opened", 3, pull);
        var (wrong, wrongBody) = await HookAsync("X-GitHub-Event", "pull_request", opened, "not-the-secret");
        var (status, body) = await HookAsync("X-GitHub-Event", "pull_request", opened, Secret);

        // Then the wrongly signed one is refused and starts nothing; the signed one builds PR-3 with what it tells
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.DoesNotContain(Secret, wrongBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Scheduled indexing of app-all\n", body);
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/PR-3", 1));
        var log = await Server.Http.GetStringAsync("job/app-all/job/PR-3/1/consoleText", Token);
        Assert.StartsWith("Pull request #3 opened\n", log, StringComparison.Ordinal);
        Assert.Contains("BRANCH=PR-3 ID=3 TARGET=main CBRANCH=feat TITLE=Add the feature AUTHOR=alice URL=https://forge.example/app/pull/3", log, StringComparison.Ordinal);
        Assert.Contains($"COMMIT={pull}", log, StringComparison.Ordinal);

        // and the child's api/json carries the metadata actions Jenkins' branch sources give a pull request job
        var job = await Server.Http.GetFromJsonAsync<JsonElement>("job/app-all/job/PR-3/api/json", Token);
        var actions = job.GetProperty("actions").EnumerateArray().ToList();
        var metadata = actions.Single(a => a.GetProperty("_class").GetString() == "jenkins.scm.api.metadata.ObjectMetadataAction");
        Assert.Equal("Add the feature", metadata.GetProperty("objectDisplayName").GetString());
        Assert.Equal("https://forge.example/app/pull/3", metadata.GetProperty("objectUrl").GetString());
        Assert.Equal("alice", actions.Single(a => a.GetProperty("_class").GetString() == "jenkins.scm.api.metadata.ContributorMetadataAction").GetProperty("contributor").GetString());

        // When GitLab says a merge request was opened (its token checked as for pushes)
        var merge = PublishChange("refs/merge-requests/4/head", "fix it");
        (status, _) = await HookAsync("X-Gitlab-Event", "Merge Request Hook", MergeRequestPayload("open", 4), Secret, gitLab: true);

        // Then MR-4 builds with the merge request's details
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/MR-4", 1));
        var mergeLog = await Server.Http.GetStringAsync("job/app-all/job/MR-4/1/consoleText", Token);
        Assert.StartsWith("Merge request !4 opened\n", mergeLog, StringComparison.Ordinal);
        Assert.Contains("BRANCH=MR-4 ID=4 TARGET=main CBRANCH=fix TITLE=Fix it AUTHOR=bob", mergeLog, StringComparison.Ordinal);
        Assert.Contains($"COMMIT={merge}", mergeLog, StringComparison.Ordinal);

        // When the pull request is closed (its ref stays, as on GitHub)
        (status, _) = await HookAsync("X-GitHub-Event", "pull_request", PullRequestPayload("closed", 3, pull), Secret);

        // Then its child is retired, its history kept
        Assert.Equal(HttpStatusCode.OK, status);
        await WaitAsync(async () =>
        {
            var child = await Server.Http.GetFromJsonAsync<JsonElement>("job/app-all/job/PR-3/api/json", Token);
            return child.GetProperty("buildable").GetBoolean() ? null : "retired";
        });
        using var refused = await Server.Http.PostAsync("job/app-all/job/PR-3/build", null, Token);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("change request 'PR-3' was closed", await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Contains("Will not build PR-3: change request PR-3 was closed", await Server.Http.GetStringAsync("job/app-all/indexing/consoleText", Token), StringComparison.Ordinal);
    }

    /// <summary>A commit on a side branch of the work copy, published in the bare repository under <paramref name="reference"/> only.</summary>
    private string PublishChange(string reference, string message)
    {
        TestRepository.Git(Repository.Work, "checkout", "-q", "-B", "side-" + message.Replace(' ', '-'), "main");
        var commit = Repository.Commit(message, (message.Replace(' ', '-') + ".txt", message));
        TestRepository.Git(Repository.Work, "push", "-q", "origin", commit + ":" + reference);
        TestRepository.Git(Repository.Work, "checkout", "-q", "main");
        return commit;
    }

    private async Task StartAsync(string settings)
    {
        await StartServerAsync($$"""
            credentials:
              - { id: app-hook, type: string, secret: "{{Secret}}" }
            jobs:
              app-all:
                repository: {{Repository.Url}}
                multibranch: true
                {{settings}}

            """);
    }

    private string PullRequestPayload(string action, int number, string head) => $$$"""
        {"action":"{{{action}}}","number":{{{number}}},
         "pull_request":{"number":{{{number}}},"title":"Add the feature","html_url":"https://forge.example/app/pull/{{{number}}}","user":{"login":"alice"},
           "head":{"ref":"feat","sha":"{{{head}}}","repo":{"full_name":"team/app"} },"base":{"ref":"main","repo":{"full_name":"team/app"} } },
         "repository":{"clone_url":"{{{Repository.Url}}}"} }
        """;

    private string MergeRequestPayload(string action, int iid) => $$$"""
        {"object_kind":"merge_request","user":{"username":"bob","name":"Bob"},
         "project":{"git_http_url":"{{{Repository.Url}}}"},
         "object_attributes":{"iid":{{{iid}}},"action":"{{{action}}}","state":"opened","title":"Fix it","url":"https://forge.example/app/-/merge_requests/{{{iid}}}",
           "source_branch":"fix","target_branch":"main","source_project_id":7,"target_project_id":7} }
        """;
}
