using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Server.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace ContainerCd.Server.Tests.Support;

/// <summary>A real server on a loopback port with a temporary home, running builds through a <see cref="ScriptedExecutor"/>.</summary>
internal sealed class TestServer : IAsyncDisposable
{
    private TestServer(ServerApp app, string home, ScriptedExecutor? executor)
    {
        App = app;
        Home = home;
        _executor = executor;
        BaseUrl = app.Addresses[0].TrimEnd('/');
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/") };
        if (app.Token.Length > 0)
        {
            Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", app.Token);
        }
    }

    private readonly ScriptedExecutor? _executor;

    public ServerApp App { get; }

    public string Home { get; }

    public ScriptedExecutor Executor => _executor ?? throw new InvalidOperationException("this server runs the real engine");

    public string BaseUrl { get; }

    public HttpClient Http { get; }

    /// <summary>Leave the home when disposed (a test restarts a server on it, and removes it itself).</summary>
    public bool KeepHome { get; init; }

    public static Task<TestServer> StartAsync(ScriptedExecutor? executor = null, string? home = null, string? token = null, int executors = 4, params string[] jobs) =>
        StartAsync(new ServeSettings("http://127.0.0.1:0", home ?? NewHome(), null, executors, token), executor, jobs);

    public static string NewHome() => Path.Combine(Path.GetTempPath(), "containercd-server-tests", Guid.NewGuid().ToString("N"));

    public static Task<TestServer> StartAsync(ServeSettings settings, ScriptedExecutor? executor = null, params string[] jobs) =>
        StartAsync(settings, executor, ServerSeams.Default, jobs);

    /// <summary>A server with scripted builds and the given seams (remote nodes, a router...).</summary>
    public static async Task<TestServer> StartAsync(ServeSettings settings, ScriptedExecutor? executor, ServerSeams seams, params string[] jobs)
    {
        var home = settings.Home;
        foreach (var job in jobs)
        {
            Directory.CreateDirectory(Path.Combine(home, "jobs", job));
            await File.WriteAllTextAsync(Path.Combine(home, "jobs", job, "Jenkinsfile"), "pipeline { agent any; stages { stage('x') { steps { echo 'x' } } } }");
        }

        executor ??= new ScriptedExecutor();
        var app = await ServerApp.StartAsync(settings with { SweepContainersOnRecovery = false }, executor, null, seams);
        return new TestServer(app, home, executor);
    }

    /// <summary>A server running builds with the runtime's real engine (host agent), with jobs given as name → Jenkinsfile text.</summary>
    public static Task<TestServer> StartRealAsync(params (string Name, string Jenkinsfile)[] jobs) => StartRealAsync(4, jobs);

    public static Task<TestServer> StartRealAsync(int executors, params (string Name, string Jenkinsfile)[] jobs) =>
        StartRealAsync(ServerSeams.Default, NewHome(), executors, jobs);

    /// <summary>A server with the real engine and the given seams (a fake clock, a poller, repository jobs), on <paramref name="home"/> (kept jobs are rewritten).</summary>
    public static Task<TestServer> StartRealAsync(ServerSeams seams, string home, int executors, params (string Name, string Jenkinsfile)[] jobs) =>
        StartRealAsync(seams, home, executors, null, jobs);

    public static Task<TestServer> StartRealAsync(ServerSeams seams, string home, int executors, RecordingLogs? logs, params (string Name, string Jenkinsfile)[] jobs) =>
        StartRealAsync(seams, home, executors, logs, Runtime.Pipeline.Configuration.RuntimeConfig.Empty, [], jobs);

    /// <summary>A server with the real engine, the given seams, a config (credentials) and pipeline extensions of the test's own (steps the product does not have yet).</summary>
    public static async Task<TestServer> StartRealAsync(
        ServerSeams seams, string home, int executors, RecordingLogs? logs, Runtime.Pipeline.Configuration.RuntimeConfig config,
        System.Collections.Immutable.ImmutableArray<Runtime.Pipeline.IPipelineExtension> extensions, params (string Name, string Jenkinsfile)[] jobs)
    {
        foreach (var (name, jenkinsfile) in jobs)
        {
            Directory.CreateDirectory(Path.Combine(home, "jobs", name));
            await File.WriteAllTextAsync(Path.Combine(home, "jobs", name, "Jenkinsfile"), jenkinsfile);
        }

        var executor = new Builds.EngineExecutor(config, extensions: extensions);
        var app = await ServerApp.StartAsync(new ServeSettings("http://127.0.0.1:0", home, null, executors) { SweepContainersOnRecovery = false }, executor, logs, seams);
        return new TestServer(app, home, null) { KeepHome = seams.Time != TimeProvider.System };
    }

    /// <summary>A server with the real engine (host agent) and a config file (repository jobs, credentials), the server's own seams.</summary>
    public static async Task<TestServer> StartWithConfigAsync(string home, string configFile, int executors = 2)
    {
        var executor = new Builds.EngineExecutor(Runtime.Pipeline.Configuration.ConfigLoader.Load(configFile));
        var app = await ServerApp.StartAsync(new ServeSettings("http://127.0.0.1:0", home, configFile, executors) { SweepContainersOnRecovery = false }, executor);
        return new TestServer(app, home, null);
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public async Task<int> TriggerAsync(string job, Dictionary<string, string>? parameters = null)
    {
        using var response = await Http.PostAsJsonAsync($"api/jobs/{job}/builds", new { parameters = parameters ?? [] });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("number").GetInt32();
    }

    public async Task<JsonElement> GetBuildAsync(string job, int number) =>
        await Http.GetFromJsonAsync<JsonElement>($"api/jobs/{job}/builds/{number}");

    /// <summary>Polls until the build is finished (at most <paramref name="timeoutSeconds"/>).</summary>
    public async Task<JsonElement> WaitFinishedAsync(string job, int number, int timeoutSeconds = 30)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(timeoutSeconds);
        while (true)
        {
            var build = await GetBuildAsync(job, number);
            if (!build.GetProperty("build").GetProperty("building").GetBoolean())
            {
                return build;
            }

            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"{job} #{number} did not finish in {timeoutSeconds} s");
            }

            await Task.Delay(50);
        }
    }

    public HubConnection Hub(string? token = null) =>
        new HubConnectionBuilder()
            .WithUrl(BaseUrl + "/hubs/builds", options =>
            {
                var t = token ?? App.Token;
                if (t.Length > 0)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(t);
                }
            })
            .Build();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.DisposeAsync();
        if (KeepHome)
        {
            return;
        }

        try
        {
            Directory.Delete(Home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
