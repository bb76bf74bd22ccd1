using System.Net;
using System.Security.Cryptography;
using System.Text;
using ContainerCd.Server.Hosting;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>
/// <c>POST /webhook/git</c> with real HTTP requests to a real server: each provider's signature right, wrong and
/// missing; the payload read into one push; repository URLs matched loosely; no secret in any answer or log.
/// </summary>
public sealed class WebhookTests
{
    private const string Secret = "s3cr3t-hook-value";
    private const string After = "0123456789abcdef0123456789abcdef01234567";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static string GitHubPush(string cloneUrl = "https://github.com/acme/app.git") => $$"""
        {"ref":"refs/heads/main","before":"1111111111111111111111111111111111111111","after":"{{After}}",
         "repository":{"clone_url":"{{cloneUrl}}","ssh_url":"git@github.com:acme/app.git","html_url":"https://github.com/acme/app"},
         "pusher":{"name":"alice"},
         "commits":[{"id":"{{After}}","message":"Fix the build","author":{"name":"Alice"},"added":["src/new.c"],"modified":["README.md"],"removed":["old.txt"]}]}
        """;

    private const string GiteaPush = $$"""
        {"ref":"refs/tags/v1.2","before":"0000000000000000000000000000000000000000","after":"{{After}}",
         "repository":{"clone_url":"http://gitea.local:3000/acme/app.git","ssh_url":"git@gitea.local:acme/app.git","html_url":"http://gitea.local:3000/acme/app"},
         "pusher":{"login":"bob"},"commits":[]}
        """;

    private const string GitLabPush = $$"""
        {"object_kind":"push","ref":"refs/heads/feature/x","before":"1111111111111111111111111111111111111111","after":"{{After}}",
         "user_username":"carol",
         "project":{"git_http_url":"https://gitlab.example.com/acme/app.git","git_ssh_url":"git@gitlab.example.com:acme/app.git","web_url":"https://gitlab.example.com/acme/app"},
         "commits":[{"id":"{{After}}","message":"x","author":{"name":"Carol"},"added":[],"modified":["Jenkinsfile"],"removed":[]}]}
        """;

    private static string Hmac(string secret, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(body)));

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(TestServer server, string body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhook/git") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await server.Http.SendAsync(request, Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Token));
    }

    private static async Task<TestServer> StartAsync(RecordingRepositoryJobs jobs, RecordingLogs? logs = null) =>
        await TestServer.StartRealAsync(new ServerSeams { RepositoryJobs = jobs }, TestServer.NewHome(), 1, logs, ("other", "echo 'x'"));

    public static TheoryData<string, string, string> Signatures() => new()
    {
        // provider, signature kind (right, wrong, missing), expected status
        { "github", "right", "OK" },
        { "github", "wrong", "Unauthorized" },
        { "github", "missing", "Unauthorized" },
        { "gitea", "right", "OK" },
        { "gitea", "wrong", "Unauthorized" },
        { "gitea", "missing", "Unauthorized" },
        { "forgejo", "right", "OK" },
        { "gitlab", "right", "OK" },
        { "gitlab", "wrong", "Unauthorized" },
        { "gitlab", "missing", "Unauthorized" },
    };

    [Theory]
    [MemberData(nameof(Signatures))]
    public async Task Push_Signature_OnlyTheJobSecretStartsAnything(string provider, string signature, string expected)
    {
        // Given
        var jobs = new RecordingRepositoryJobs(
            RecordingRepositoryJobs.Job("app", "https://github.com/acme/app.git", Secret),
            RecordingRepositoryJobs.Job("gitea-app", "http://gitea.local:3000/acme/app.git", Secret),
            RecordingRepositoryJobs.Job("gitlab-app", "https://gitlab.example.com/acme/app.git", Secret));
        var logs = new RecordingLogs();
        await using var server = await StartAsync(jobs, logs);
        var secret = signature == "wrong" ? "not-the-secret" : Secret;
        var (body, headers) = provider switch
        {
            "github" => (GitHubPush(), new List<(string, string)> { ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", "sha256=" + Hmac(secret, GitHubPush())) }),
            "gitea" => (GiteaPush, new List<(string, string)> { ("X-Gitea-Event", "push"), ("X-GitHub-Event", "push"), ("X-Gitea-Signature", Hmac(secret, GiteaPush)) }),
            "forgejo" => (GiteaPush, new List<(string, string)> { ("X-Forgejo-Event", "push"), ("X-Forgejo-Signature", Hmac(secret, GiteaPush)) }),
            _ => (GitLabPush, new List<(string, string)> { ("X-Gitlab-Event", "Push Hook"), ("X-Gitlab-Token", secret) }),
        };
        if (signature == "missing")
        {
            headers.RemoveAt(headers.Count - 1);
        }

        // When
        var (status, answer) = await PostAsync(server, body, [.. headers]);

        // Then
        Assert.Equal(expected, status.ToString());
        Assert.Equal(expected == "OK" ? 1 : 0, jobs.Pushes.Count);
        Assert.DoesNotContain(Secret, answer, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, logs.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_GitHub_IsReadIntoOnePush()
    {
        // Given
        var jobs = new RecordingRepositoryJobs(RecordingRepositoryJobs.Job("app", "https://github.com/acme/app.git", Secret));
        await using var server = await StartAsync(jobs);

        // When
        var (status, answer) = await PostAsync(server, GitHubPush(), ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", "sha256=" + Hmac(Secret, GitHubPush())));

        // Then
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Scheduled app for refs/heads/main\n", answer);
        var (job, push) = Assert.Single(jobs.Pushes);
        Assert.Equal("app", job);
        Assert.Equal("main", push.Branch);
        Assert.Equal(After, push.After);
        Assert.Equal("alice", push.Pusher);
        Assert.Equal(["src/new.c", "README.md", "old.txt"], push.Files);
        Assert.Equal("Fix the build", Assert.Single(push.Commits).Message);
    }

    [Fact]
    public async Task Push_TagAndGitLabBranch_AreReadWithTheirRef()
    {
        var jobs = new RecordingRepositoryJobs(
            RecordingRepositoryJobs.Job("gitea-app", "http://gitea.local:3000/acme/app", Secret),
            RecordingRepositoryJobs.Job("gitlab-app", "git@gitlab.example.com:acme/app.git", Secret));
        await using var server = await StartAsync(jobs);

        await PostAsync(server, GiteaPush, ("X-Gitea-Event", "push"), ("X-Gitea-Signature", Hmac(Secret, GiteaPush)));
        await PostAsync(server, GitLabPush, ("X-Gitlab-Event", "Tag Push Hook"), ("X-Gitlab-Token", Secret));

        var pushes = jobs.Pushes.ToArray();
        Assert.Equal("v1.2", pushes[0].Push.Tag);
        Assert.Equal("bob", pushes[0].Push.Pusher);
        Assert.Equal("feature/x", pushes[1].Push.Branch);
        Assert.Equal("carol", pushes[1].Push.Pusher);
        Assert.Equal(["Jenkinsfile"], pushes[1].Push.Files);
    }

    [Theory]
    [InlineData("https://github.com/acme/app.git")]
    [InlineData("https://github.com/acme/app")]
    [InlineData("https://GitHub.COM/acme/app/")]
    [InlineData("git@github.com:acme/app.git")]
    [InlineData("ssh://git@ssh.github.com:443/acme/app.git")]
    [InlineData("git://github.com/acme/app")]
    public async Task Push_JobUrlWrittenDifferently_StillMatches(string jobUrl)
    {
        var jobs = new RecordingRepositoryJobs(RecordingRepositoryJobs.Job("app", jobUrl, Secret));
        await using var server = await StartAsync(jobs);

        var (status, _) = await PostAsync(server, GitHubPush(), ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", "sha256=" + Hmac(Secret, GitHubPush())));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(jobs.Pushes);
    }

    [Theory]
    [InlineData("file:///srv/git/app.git", "/srv/git/app.git")]
    [InlineData("/srv/git/app.git", "file:///srv/git/app")]
    [InlineData("/srv/git/app/", "/srv/git/app.git")]
    public async Task Push_LocalRepository_FileUrlAndPathMatch(string jobUrl, string payloadUrl)
    {
        var jobs = new RecordingRepositoryJobs(RecordingRepositoryJobs.Job("app", jobUrl, Secret));
        await using var server = await StartAsync(jobs);
        var body = GitHubPush(payloadUrl);

        var (status, _) = await PostAsync(server, body, ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", "sha256=" + Hmac(Secret, body)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Single(jobs.Pushes);
    }

    [Fact]
    public async Task Push_OtherRepository_MatchesNoJob()
    {
        var jobs = new RecordingRepositoryJobs(RecordingRepositoryJobs.Job("app", "https://github.com/acme/other.git", Secret));
        await using var server = await StartAsync(jobs);

        var (status, answer) = await PostAsync(server, GitHubPush(), ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", "sha256=" + Hmac(Secret, GitHubPush())));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("No job uses repository https://github.com/acme/app.git.\n", answer);
        Assert.Empty(jobs.Pushes);
    }

    [Fact]
    public async Task Push_JobWithoutSecret_IsRefused()
    {
        var jobs = new RecordingRepositoryJobs(RecordingRepositoryJobs.Job("app", "https://github.com/acme/app.git", secret: null));
        await using var server = await StartAsync(jobs);

        var (status, _) = await PostAsync(server, GitHubPush(), ("X-GitHub-Event", "push"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Empty(jobs.Pushes);
    }

    [Fact]
    public async Task Ping_SignedForTheJob_IsAnsweredAndStartsNothing()
    {
        var jobs = new RecordingRepositoryJobs(RecordingRepositoryJobs.Job("app", "https://github.com/acme/app.git", Secret));
        await using var server = await StartAsync(jobs);
        var body = """{"zen":"Keep it logically awesome.","repository":{"clone_url":"https://github.com/acme/app.git"}}""";

        var (status, answer) = await PostAsync(server, body, ("X-GitHub-Event", "ping"), ("X-Hub-Signature-256", "sha256=" + Hmac(Secret, body)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("pong\n", answer);
        Assert.Empty(jobs.Pushes);
    }

    [Theory]
    [InlineData("X-GitHub-Event", "issues", HttpStatusCode.Accepted)]
    [InlineData("X-GitHub-Event", "pull_request", HttpStatusCode.BadRequest)] // a push's payload is no pull request's
    [InlineData("X-Something", "push", HttpStatusCode.BadRequest)]
    public async Task OtherRequests_AreAnsweredWithoutStartingAnything(string header, string value, HttpStatusCode expected)
    {
        var jobs = new RecordingRepositoryJobs(RecordingRepositoryJobs.Job("app", "https://github.com/acme/app.git", Secret));
        await using var server = await StartAsync(jobs);

        var (status, _) = await PostAsync(server, GitHubPush(), (header, value), ("X-Hub-Signature-256", "sha256=" + Hmac(Secret, GitHubPush())));

        Assert.Equal(expected, status);
        Assert.Empty(jobs.Pushes);
        Assert.Empty(jobs.ChangeRequests);
    }

    [Fact]
    public async Task Push_NotJson_IsABadRequest()
    {
        var jobs = new RecordingRepositoryJobs(RecordingRepositoryJobs.Job("app", "https://github.com/acme/app.git", Secret));
        await using var server = await StartAsync(jobs);

        var (status, answer) = await PostAsync(server, "{not json", ("X-GitHub-Event", "push"), ("X-Hub-Signature-256", "sha256=" + Hmac(Secret, "{not json")));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("The payload is not JSON", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_ServerWithApiToken_NeedsNoApiTokenButTheSignature()
    {
        // Given: a server asking for its API token
        var jobs = new RecordingRepositoryJobs(RecordingRepositoryJobs.Job("app", "https://github.com/acme/app.git", Secret));
        var home = TestServer.NewHome();
        await using var app = await ServerApp.StartAsync(
            new ServeSettings("http://127.0.0.1:0", home, null, 1, "api-token") { SweepContainersOnRecovery = false },
            new ScriptedExecutor(), seams: new ServerSeams { RepositoryJobs = jobs });
        using var http = new HttpClient { BaseAddress = new Uri(app.Addresses[0].TrimEnd('/') + "/") };
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhook/git") { Content = new StringContent(GitHubPush(), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-GitHub-Event", "push");
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Hmac(Secret, GitHubPush()));

        // When
        using var response = await http.SendAsync(request, Token);

        // Then
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(jobs.Pushes);
        Directory.Delete(home, recursive: true);
    }
}
