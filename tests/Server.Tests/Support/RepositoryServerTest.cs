using System.Net;
using System.Security.Cryptography;
using System.Text;
using ContainerCd.Runtime.Tests.Scm;

namespace ContainerCd.Server.Tests.Support;

/// <summary>
/// The common ground of the tests of repository jobs: a real repository pushed to a bare "remote"
/// (<see cref="Repository"/>), a fresh home, and a real server started on a config file written beside the
/// repository, talked to over HTTP (webhooks signed as GitHub and GitLab sign them).
/// </summary>
public abstract class RepositoryServerTest : IAsyncDisposable
{
    /// <summary>The webhook secret of the config's <c>app-hook</c> credential.</summary>
    private protected const string Secret = "app-hook-secret-value";

    private TestServer? _server;

    private protected TestRepository Repository { get; } = new("app");

    private protected string Home { get; } = TestServer.NewHome();

    private protected TestServer Server => _server ?? throw new InvalidOperationException("The test has not started its server yet.");

    private protected static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Repository.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes <paramref name="yaml"/> as the config file and starts the server on it.</summary>
    private protected async Task StartServerAsync(string yaml)
    {
        var config = Path.Combine(Repository.Root, "containercd.yml");
        await File.WriteAllTextAsync(config, yaml, Token);
        _server = await TestServer.StartWithConfigAsync(Home, config);
    }

    /// <summary>Posts a webhook to <c>/webhook/git</c>: signed with X-Hub-Signature-256 (GitHub), or with X-Gitlab-Token.</summary>
    private protected async Task<(HttpStatusCode Status, string Body)> HookAsync(string eventHeader, string eventName, string payload, string? secret, bool gitLab = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhook/git") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add(eventHeader, eventName);
        if (secret is not null && gitLab)
        {
            request.Headers.Add("X-Gitlab-Token", secret);
        }
        else if (secret is not null)
        {
            var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(payload));
            request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(signature));
        }

        using var response = await Server.Http.SendAsync(request, Token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Token));
    }

    /// <summary>A GitHub push to main of <paramref name="after"/>, with the files each commit touched.</summary>
    private protected string PushPayload(string after, string before = "0000000000000000000000000000000000000000", string added = "") => $$"""
        {"ref":"refs/heads/main","before":"{{before}}","after":"{{after}}",
         "repository":{"clone_url":"{{Repository.Url}}"},
         "pusher":{"name":"alice"},
         "commits":[{"id":"{{after}}","message":"m","author":{"name":"Ada"},"added":[{{added}}],"modified":[],"removed":[]}]}
        """;

    private protected Task<string> WaitResultAsync(string path, int number) => JobWaits.ResultAsync(Server, path, number, Token);

    private protected static Task<T> WaitAsync<T>(Func<Task<T?>> probe)
        where T : class => JobWaits.UntilAsync(probe, Token);

    private protected static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
