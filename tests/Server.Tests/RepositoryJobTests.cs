using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Runtime.Tests.Scm;
using ContainerCd.Server.Tests.Support;
using ContainerCd.Server.Triggers;
using Microsoft.Playwright;

namespace ContainerCd.Server.Tests;

/// <summary>
/// Jobs that live in a repository (the config's <c>repository:</c> jobs), with real repositories pushed to a bare
/// "remote", a real server and real HTTP: webhooks, notifyCommit polling, multibranch scans and their children.
/// </summary>
public sealed class RepositoryJobTests : RepositoryServerTest
{

    [Fact]
    public async Task GitHubWebhook_SignedPush_BuildsThatCommitOnceWithItsChangesAndAWrongSignatureStartsNone()
    {
        // Given a single-branch job on a bare repository, built once from its first commit
        const string Jenkinsfile = """
            pipeline { agent any; stages {
              stage('s') { steps { echo "COMMIT=${env.GIT_COMMIT}"; sh 'git log -1 --format=SUBJECT=%s' } }
              stage('js') { when { changeset '**/*.js' }; steps { echo 'JS CHANGED' } }
              stage('docs') { when { changeset '**/*.md' }; steps { echo 'DOCS CHANGED' } }
            } }
            """;
        var first = Repository.Commit("first", ("Jenkinsfile", Jenkinsfile), ("README.md", "readme"));
        Repository.Push();
        await StartAsync($"""
            jobs:
              app:
                repository: {Repository.Url}
                branch: main
                webhookSecret: app-hook
            """);
        var (status, body) = await PushHookAsync(PushPayload(first), Secret);
        Assert.True(status == HttpStatusCode.OK, body);
        await WaitResultAsync("app", 1);

        // When a commit touching a JavaScript file is pushed, and GitHub delivers its webhook
        var pushed = Repository.Commit("add the web app", ("web/app.js", "js"));
        Repository.Push();
        (status, body) = await PushHookAsync(PushPayload(pushed, first), Secret);

        // Then exactly one build starts, of that commit, with the pushed files' changeset
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Scheduled app #2\n", body);
        Assert.Equal("SUCCESS", await WaitResultAsync("app", 2));
        var log = await Server.Http.GetStringAsync("job/app/2/consoleText", Token);
        Assert.StartsWith($"Started by GitHub push by alice\nObtained Jenkinsfile from git {Repository.Url}\n", log, StringComparison.Ordinal);
        Assert.Contains("COMMIT=" + pushed, log, StringComparison.Ordinal);
        Assert.Contains("SUBJECT=add the web app", log, StringComparison.Ordinal);
        Assert.Contains("JS CHANGED", log, StringComparison.Ordinal);
        Assert.DoesNotContain("DOCS CHANGED", log, StringComparison.Ordinal);

        // and api/json shows the commit built and its changes as the git plugin does
        var build = await Server.Http.GetFromJsonAsync<JsonElement>("job/app/2/api/json", Token);
        var change = build.GetProperty("changeSets")[0].GetProperty("items")[0];
        Assert.Equal(pushed, change.GetProperty("commitId").GetString());
        Assert.Equal("add the web app", change.GetProperty("msg").GetString());
        Assert.Equal("Ada Lovelace", change.GetProperty("author").GetProperty("fullName").GetString());
        Assert.Equal(["web/app.js"], change.GetProperty("affectedPaths").EnumerateArray().Select(p => p.GetString()));
        var buildData = build.GetProperty("actions").EnumerateArray().Single(a => a.GetProperty("_class").GetString() == "hudson.plugins.git.util.BuildData");
        Assert.Equal(pushed, buildData.GetProperty("lastBuiltRevision").GetProperty("SHA1").GetString());

        // When the same push comes again (a redelivery), or with a wrong signature, or none
        var (again, againBody) = await PushHookAsync(PushPayload(pushed, first), Secret);
        var (wrong, wrongBody) = await PushHookAsync(PushPayload(pushed, first), "not-the-secret");
        var (missing, _) = await PushHookAsync(PushPayload(pushed, first), null);

        // Then nothing more is built, and the secret appears in no answer
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Contains("was built already", againBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong);
        Assert.Equal(HttpStatusCode.Unauthorized, missing);
        Assert.DoesNotContain(Secret, wrongBody + againBody, StringComparison.Ordinal);
        Assert.Equal(2, (await Server.Http.GetFromJsonAsync<List<JsonElement>>("api/jobs/app/builds", Token))!.Count);
    }

    [Fact]
    public async Task NotifyCommit_JobRepository_BuildsOnlyWhenTheBranchMoved()
    {
        // Given a job polling its repository, built once (which registers its pollSCM trigger)
        Repository.Commit("first", ("Jenkinsfile", "pipeline { agent any; triggers { pollSCM('H H 1 1 *') }; stages { stage('s') { steps { echo \"COMMIT=${env.GIT_COMMIT}\" } } } }"));
        Repository.Push();
        await StartAsync($"""
            jobs:
              app:
                repository: {Repository.Url}
            """);
        await Server.TriggerAsync("app");
        Assert.Equal("SUCCESS", await WaitResultAsync("app", 1));
        var notify = "git/notifyCommit?url=" + Uri.EscapeDataString(Repository.Url);

        // When a hook notifies the repository although nothing was pushed
        Assert.Equal("Scheduled polling of app\n", await Server.Http.GetStringAsync(notify, Token));
        await Server.Service<TriggerScheduler>().PollAsync("app");

        // Then nothing is built
        Assert.Single((await Server.Http.GetFromJsonAsync<List<JsonElement>>("api/jobs/app/builds", Token))!);

        // When a commit is pushed and the hook notifies
        var pushed = Repository.Commit("second", ("src/a.c", "int a;"));
        Repository.Push();
        Assert.Equal("Scheduled polling of app\n", await Server.Http.GetStringAsync(notify, Token));

        // Then one build of that commit runs, started by an SCM change
        Assert.Equal("SUCCESS", await WaitResultAsync("app", 2));
        var log = await Server.Http.GetStringAsync("job/app/2/consoleText", Token);
        Assert.StartsWith("Started by an SCM change\n", log, StringComparison.Ordinal);
        Assert.Contains("COMMIT=" + pushed, log, StringComparison.Ordinal);
        await Server.Service<TriggerScheduler>().PollAsync("app");
        Assert.Equal(2, (await Server.Http.GetFromJsonAsync<List<JsonElement>>("api/jobs/app/builds", Token))!.Count);
    }

    [Fact]
    public async Task Multibranch_ThreeBranchesOneWithoutJenkinsfile_TwoChildrenEachBuildingItsBranch()
    {
        // Given a repository with main and feature/x holding a Jenkinsfile, and docs without one
        const string Jenkinsfile = "pipeline { agent any; stages { stage('s') { steps { echo \"BRANCH=${env.BRANCH_NAME} PRIMARY=${env.BRANCH_IS_PRIMARY} COMMIT=${env.GIT_COMMIT}\" } } } }";
        var main = Repository.Commit("main", ("Jenkinsfile", Jenkinsfile));
        Repository.Branch("feature/x");
        var feature = Repository.Commit("feature", ("feature.txt", "f"));
        Repository.Branch("docs");
        Repository.Commit("docs only", ("Jenkinsfile", null), ("docs.md", "d"));
        Repository.Push();

        // When the server first sees the multibranch job (and scans it)
        await StartAsync($"""
            jobs:
              app-all:
                repository: {Repository.Url}
                multibranch: true
            """);

        // Then it has exactly two children, each building its own branch
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/main", 1));
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/feature%252Fx", 1));
        var folder = await Server.Http.GetFromJsonAsync<JsonElement>("job/app-all/api/json", Token);
        Assert.Equal("org.jenkinsci.plugins.workflow.multibranch.WorkflowMultiBranchProject", folder.GetProperty("_class").GetString());
        Assert.Equal(["feature%2Fx", "main"], folder.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("name").GetString()));
        Assert.Equal("/job/app-all/job/feature%252Fx/", folder.GetProperty("jobs")[0].GetProperty("url").GetString());
        var featureLog = await Server.Http.GetStringAsync("job/app-all/job/feature%252Fx/1/consoleText", Token);
        Assert.Contains($"BRANCH=feature/x PRIMARY=null COMMIT={feature}", featureLog, StringComparison.Ordinal);
        var mainLog = await Server.Http.GetStringAsync("job/app-all/job/main/1/consoleText", Token);
        Assert.Contains($"BRANCH=main PRIMARY=true COMMIT={main}", mainLog, StringComparison.Ordinal);
        var scan = await Server.Http.GetStringAsync("job/app-all/indexing/consoleText", Token);
        Assert.Contains("  Checking branch docs\n      ‘Jenkinsfile’ not found\n    Does not meet criteria\n", scan, StringComparison.Ordinal);
        Assert.EndsWith("Finished: SUCCESS\n", scan, StringComparison.Ordinal);

        // When feature/x is deleted and the job scanned on demand
        TestRepository.Git(Repository.Work, "push", "-q", "origin", "--delete", "feature/x");
        using (var response = await Server.Http.PostAsync("job/app-all/build", null, Token))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        // Then its child is retired: listed, its history kept, no longer buildable
        var retired = JsonDocument.Parse(await WaitAsync(async () =>
        {
            var child = await Server.Http.GetStringAsync("job/app-all/job/feature%252Fx/api/json", Token);
            return JsonDocument.Parse(child).RootElement.GetProperty("buildable").GetBoolean() ? null : child;
        })).RootElement;
        Assert.Equal(1, retired.GetProperty("lastBuild").GetProperty("number").GetInt32());
        using var refused = await Server.Http.PostAsync("job/app-all/job/feature%252Fx/build", null, Token);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("no longer exists", await refused.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multibranch_PushOfANewBranch_ScanCreatesAndBuildsItsChild()
    {
        // Given a multibranch job scanned once, over a repository with main only
        Repository.Commit("main", ("Jenkinsfile", "pipeline { agent any; stages { stage('s') { steps { echo \"BRANCH=${env.BRANCH_NAME}\" } } } }"));
        Repository.Push();
        await StartAsync($"""
            jobs:
              app-all:
                repository: {Repository.Url}
                multibranch: true
                webhookSecret: app-hook
            """);
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/main", 1));

        // When a new branch is pushed and GitHub says so
        Repository.Branch("fix/y");
        var pushed = Repository.Commit("fix", ("fix.txt", "y"));
        Repository.Push();
        var (status, body) = await PushHookAsync(PushPayload(pushed).Replace("refs/heads/main", "refs/heads/fix/y", StringComparison.Ordinal), Secret);

        // Then the scan makes its child and builds it, caused by the push event; main, unchanged, is not built again
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Scheduled indexing of app-all\n", body);
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/fix%252Fy", 1));
        var log = await Server.Http.GetStringAsync("job/app-all/job/fix%252Fy/1/consoleText", Token);
        Assert.StartsWith("Push event to branch fix/y\n", log, StringComparison.Ordinal);
        Assert.Contains("BRANCH=fix/y", log, StringComparison.Ordinal);
        var scan = await Server.Http.GetStringAsync("job/app-all/indexing/consoleText", Token);
        Assert.Contains("No changes detected: main", scan, StringComparison.Ordinal);

        // and the REST API reaches the child by its full name as one segment
        var builds = await Server.Http.GetFromJsonAsync<List<JsonElement>>("api/jobs/app-all%2Ffix%252Fy/builds", Token);
        Assert.Single(builds!);
        var main = await Server.Http.GetFromJsonAsync<List<JsonElement>>("api/jobs/app-all%2Fmain/builds", Token);
        Assert.Single(main!);
    }

    [Fact]
    public async Task NotifyCommit_MultibranchJob_ScansItAndBuildsTheMovedBranch()
    {
        // Given a multibranch job built once (it has no pollSCM: notifyCommit scans multibranch jobs regardless)
        Repository.Commit("main", ("Jenkinsfile", "pipeline { agent any; stages { stage('s') { steps { echo \"COMMIT=${env.GIT_COMMIT}\" } } } }"));
        Repository.Push();
        await StartAsync($"""
            jobs:
              app-all:
                repository: {Repository.Url}
                multibranch: true
            """);
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/main", 1));

        // When main moves and a hook notifies the repository
        var pushed = Repository.Commit("second", ("b.txt", "b"));
        Repository.Push();
        using var response = await Server.Http.GetAsync("git/notifyCommit?url=" + Uri.EscapeDataString(Repository.Bare), Token);

        // Then the job is indexed, as the git plugin answers, and main is built again at the pushed commit
        Assert.Equal("Scheduled indexing of app-all\n", await response.Content.ReadAsStringAsync(Token));
        Assert.Equal([Server.BaseUrl + "/job/app-all/"], response.Headers.GetValues("Triggered"));
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/main", 2));
        Assert.Contains("COMMIT=" + pushed, await Server.Http.GetStringAsync("job/app-all/job/main/2/consoleText", Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuildStep_MultibranchJobOrItsBranch_TheFolderIsRefusedTheBranchBuilt()
    {
        // Given a multibranch job, and a job whose build steps call it and its main branch
        Repository.Commit("main", ("Jenkinsfile", "pipeline { agent any; stages { stage('s') { steps { echo \"BRANCH=${env.BRANCH_NAME}\" } } } }"));
        Repository.Push();
        var caller = Path.Combine(Repository.Root, "caller.Jenkinsfile");
        await File.WriteAllTextAsync(caller, "pipeline { agent any; stages { stage('s') { steps { build job: 'app-all/main'; build job: 'app-all' } } } }", Token);
        await StartAsync($"""
            jobs:
              caller: caller.Jenkinsfile
              app-all:
                repository: {Repository.Url}
                multibranch: true
            """);
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/main", 1));

        // When
        var number = await Server.TriggerAsync("caller");

        // Then the branch is built, the folder refused with Jenkins' reason
        Assert.Equal("FAILURE", await WaitResultAsync("caller", number));
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/main", 2));
        var log = await Server.Http.GetStringAsync($"job/caller/{number}/consoleText", Token);
        Assert.Contains("Waiting for non-job items is not supported", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Multibranch_DiscoverTags_TagChildBuiltOnDemandWithTagName()
    {
        // Given a tagged commit and a job discovering tags
        Repository.Commit("release", ("Jenkinsfile", "pipeline { agent any; stages { stage('s') { steps { echo \"TAG=${env.TAG_NAME} BRANCH=${env.BRANCH_NAME}\" } } } }"));
        Repository.Push();
        Repository.Tag("v1.0", "the first release");
        await StartAsync($"""
            jobs:
              app-all:
                repository: {Repository.Url}
                multibranch: true
                discover: [branches, tags]
            """);
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/main", 1));

        // When the tag's child is built on demand (scans do not build tags, as Jenkins without a build strategy)
        var folder = await Server.Http.GetFromJsonAsync<JsonElement>("job/app-all/api/json", Token);
        Assert.Equal(["main", "v1.0"], folder.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("name").GetString()));
        using (var response = await Server.Http.GetAsync("job/app-all/job/v1.0/1/api/json", Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using (var response = await Server.Http.PostAsync("job/app-all/job/v1.0/build", null, Token))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        // Then it builds the tag with Jenkins' tag variables
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/v1.0", 1));
        Assert.Contains("TAG=v1.0 BRANCH=v1.0", await Server.Http.GetStringAsync("job/app-all/job/v1.0/1/consoleText", Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_RepositoryThatDoesNotExist_FailsWithGitsReason()
    {
        // Given a job on a repository that is not there
        await StartAsync("""
            jobs:
              gone:
                repository: file:///nonexistent/gone.git
            """);

        // When
        var number = await Server.TriggerAsync("gone");

        // Then the build fails, saying why, and nothing is built from anywhere else
        Assert.Equal("FAILURE", await WaitResultAsync("gone", number));
        var log = await Server.Http.GetStringAsync($"job/gone/{number}/consoleText", Token);
        Assert.Contains("ERROR: Could not read Jenkinsfile from file:///nonexistent/gone.git: failed to resolve path '/nonexistent/gone.git'", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_MultibranchJob_ShowsChildrenRetiredStateScanLogAndTheBuiltCommit()
    {
        // Given a multibranch job whose feature/x child was retired after its branch was deleted
        var head = Repository.Commit("main", ("Jenkinsfile", "pipeline { agent any; stages { stage('s') { steps { echo 'hi' } } } }"));
        Repository.Branch("feature/x");
        Repository.Commit("feature", ("f.txt", "f"));
        Repository.Push();
        await StartAsync($"""
            jobs:
              app-all:
                repository: {Repository.Url}
                multibranch: true
            """);
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/main", 1));
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/feature%252Fx", 1));
        TestRepository.Git(Repository.Work, "push", "-q", "origin", "--delete", "feature/x");
        (await Server.Http.PostAsync("job/app-all/build", null, Token)).Dispose();
        await WaitAsync(async () => (await Server.Http.GetStringAsync("job/app-all/indexing/consoleText", Token)).Contains("no longer exists", StringComparison.Ordinal) ? "retired" : null);
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        // When the jobs list is open
        await page.GotoAsync(Server.BaseUrl + "/");

        // Then the multibranch job lists its children, the retired one marked
        await page.Locator("tr[data-child='main']").WaitForAsync(new() { Timeout = 10_000 });
        Assert.Contains("RETIRED", await page.Locator("tr[data-child='feature/x']").InnerTextAsync(), StringComparison.Ordinal);

        // And its page has the Scan button and the scan log
        await page.Locator("a", new() { HasTextString = "app-all" }).First.ClickAsync();
        await page.Locator("button", new() { HasTextString = "Scan Multibranch Pipeline Now" }).WaitForAsync(new() { Timeout = 10_000 });
        Assert.Contains("Checking branch main", await page.Locator("[data-testid=scan-log]").InnerTextAsync(), StringComparison.Ordinal);

        // And a child's build page shows the commit it built
        await page.Locator("tr[data-child='main'] a").ClickAsync();
        await page.Locator("a", new() { HasTextString = "#1" }).First.ClickAsync(); // the Stage View row and the builds table both link it
        await page.Locator("[data-testid=scm]").WaitForAsync(new() { Timeout = 10_000 });
        Assert.Contains(head, await page.Locator("[data-testid=scm]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.EndsWith("/job/app-all/job/main/1/", page.Url, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("multibranch-build.png"), FullPage = true });
    }

    [Fact]
    public async Task RestApi_DefineReplaceAndDeleteARepositoryJob()
    {
        // Given a server whose config file defines one job, and a repository
        Repository.Commit("main", ("Jenkinsfile", "pipeline { agent any; stages { stage('s') { steps { echo \"BRANCH=${env.BRANCH_NAME}\" } } } }"));
        Repository.Push();
        await StartAsync("""
            jobs:
              cfg: Jenkinsfile
            """);

        // When a multibranch job is defined through the API
        using var created = await Server.Http.PutAsync("api/jobs/app-all", Json($$"""{"repository": "{{Repository.Url}}", "multibranch": true, "scanInterval": "1d"}"""), Token);

        // Then it exists at once, is scanned, and its branch built
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("SUCCESS", await WaitResultAsync("app-all/job/main", 1));
        var job = await Server.Http.GetFromJsonAsync<JsonElement>("api/jobs/app-all", Token);
        Assert.True(job.GetProperty("repository").GetProperty("multibranch").GetBoolean());
        Assert.Equal("main", job.GetProperty("children")[0].GetProperty("branch").GetString());

        // When it is replaced, given bad settings, or a config job is to be replaced
        using var replaced = await Server.Http.PutAsync("api/jobs/app-all", Json($$"""{"repository": "{{Repository.Url}}", "multibranch": true, "scriptPath": "ci/Jenkinsfile"}"""), Token);
        using var bad = await Server.Http.PutAsync("api/jobs/other", Json($$"""{"repository": "{{Repository.Url}}", "brnach": "main"}"""), Token);
        using var config = await Server.Http.PutAsync("api/jobs/cfg", Json($$"""{"repository": "{{Repository.Url}}"}"""), Token);

        // Then the replacement holds, the bad settings are refused with their position, the config job is left alone
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal("ci/Jenkinsfile", (await Server.Http.GetFromJsonAsync<JsonElement>("api/jobs/app-all", Token)).GetProperty("repository").GetProperty("scriptPath").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("request body(1,", await bad.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Contains("unknown key 'brnach'", await bad.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, config.StatusCode);

        // When it is deleted
        using var deleted = await Server.Http.DeleteAsync("api/jobs/app-all", Token);

        // Then it is gone
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using var gone = await Server.Http.GetAsync("api/jobs/app-all", Token);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(["cfg"], (await Server.Http.GetFromJsonAsync<List<JsonElement>>("api/jobs", Token))!.Select(j => j.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Build_HttpRemoteWithCredentials_FetchesWithTheConfigsUsernamePassword()
    {
        // Given a repository served by git's smart HTTP protocol behind basic authentication, and two jobs on it
        var head = Repository.Commit("main", ("Jenkinsfile", "pipeline { agent any; stages { stage('s') { steps { echo \"COMMIT=${env.GIT_COMMIT}\"; sh 'git log -1 --format=SUBJECT=%s' } } } }"));
        Repository.Push();
        await using var http = new GitHttpServer(Repository.Root, "bot", "s3cret");
        await StartAsync($"""
            jobs:
              app:
                repository: {http.Prefix}app.git
                credentialsId: git-user
              wrong:
                repository: {http.Prefix}app.git
                credentialsId: wrong-user
            """, "  - { id: git-user, type: usernamePassword, username: bot, password: s3cret }\n  - { id: wrong-user, type: usernamePassword, username: bot, password: nope }\n");

        // When both are built
        var app = await Server.TriggerAsync("app");
        var wrong = await Server.TriggerAsync("wrong");

        // Then the one with the right credential builds the head commit; the other fails saying why
        Assert.Equal("SUCCESS", await WaitResultAsync("app", app));
        var log = await Server.Http.GetStringAsync($"job/app/{app}/consoleText", Token);
        Assert.Contains("COMMIT=" + head, log, StringComparison.Ordinal);
        Assert.Contains("SUBJECT=main", log, StringComparison.Ordinal);
        Assert.Equal("FAILURE", await WaitResultAsync("wrong", wrong));
        Assert.Contains("Authentication failed", await Server.Http.GetStringAsync($"job/wrong/{wrong}/consoleText", Token), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", log, StringComparison.Ordinal);
    }

    private Task StartAsync(string jobs, string credentials = "") =>
        StartServerAsync($"credentials:\n  - {{ id: app-hook, type: string, secret: \"{Secret}\" }}\n" + credentials + jobs + "\n");

    private Task<(HttpStatusCode Status, string Body)> PushHookAsync(string payload, string? secret) => HookAsync("X-GitHub-Event", "push", payload, secret);
}
