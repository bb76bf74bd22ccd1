using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Runtime.Agents.Host;
using ContainerCd.Runtime.Docker.Nodes;
using ContainerCd.Server.Builds;
using ContainerCd.Server.Hosting;

namespace ContainerCd.Docker.Tests.Nodes;

/// <summary>
/// Jenkins' <c>/computer/api/json</c> of a real server whose node is a second, real engine: online with its labels and
/// answer time, its executor running a build's remote stage, offline with the reason once the engine is killed, and
/// online again once it is back.
/// </summary>
[Collection(DockerTests.Name)]
public sealed class NodesApiEngineTests(DockerFixture docker) : IDisposable
{
    private const string Remote = """
        pipeline {
          agent { label 'remote' }
          stages {
            stage('long') {
              steps {
                sh 'sleep 120'
              }
            }
          }
        }
        """;

    private readonly string _home = Directory.CreateTempSubdirectory("containercd-nodes-api-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ComputerApi_EngineRunsABuildIsKilledAndComesBack_OnlineBusyOfflineWithTheReasonThenOnline()
    {
        docker.RequireEngine();
        Assert.SkipUnless(SecondEngine.Available, "no dockerd on this machine for a second engine");
        Directory.CreateDirectory(Path.Combine(_home, "jobs", "far"));
        await File.WriteAllTextAsync(Path.Combine(_home, "jobs", "far", "Jenkinsfile"), Remote, Token);
        await using var engine = await SecondEngine.StartAsync([_home], Token);
        var config = NodeConfig.For(engine, executors: 2);
        await using var nodes = RemoteNodes.Create(config, docker.Engine);
        var executor = new EngineExecutor(config, [HostAgentProvider.Instance, new RemoteNodeAgentProvider(nodes)]);
        var settings = new ServeSettings("http://127.0.0.1:0", _home, null, 2) { SweepContainersOnRecovery = false, NodeCheckInterval = TimeSpan.FromSeconds(1) };
        await using var app = await ServerApp.StartAsync(settings, executor, null, ServerSeams.Default with { Nodes = nodes }, Token);
        using var http = new HttpClient { BaseAddress = new Uri(app.Addresses[0].TrimEnd('/') + "/") };

        // Given the engine answered its first check: online, with its labels, endpoint and answer time
        var online = await NodeAsync(http, n => !n.GetProperty("offline").GetBoolean() && n.GetProperty("monitorData").TryGetProperty("hudson.node_monitors.ResponseTimeMonitor", out _));
        Assert.Equal(("hudson.slaves.SlaveComputer", NodeConfig.Name, engine.Endpoint, ""), (Text(online, "_class"), Text(online, "displayName"), Text(online, "description"), Text(online, "offlineCauseReason")));
        Assert.Equal(["remote", NodeConfig.Name], online.GetProperty("assignedLabels").EnumerateArray().Select(l => Text(l, "name")));
        Assert.True(online.GetProperty("monitorData").GetProperty("hudson.node_monitors.ResponseTimeMonitor").GetProperty("average").GetInt64() >= 0);

        // When a build's stage runs there, then one of its executors runs that build
        using var trigger = await http.PostAsJsonAsync("api/jobs/far/builds", new { }, Token);
        trigger.EnsureSuccessStatusCode();
        var busy = await NodeAsync(http, n => n.GetProperty("executors").EnumerateArray().Any(e => e.GetProperty("currentExecutable").ValueKind == JsonValueKind.Object), timeoutSeconds: 180);
        var run = busy.GetProperty("executors").EnumerateArray().Single(e => !e.GetProperty("idle").GetBoolean()).GetProperty("currentExecutable");
        Assert.Equal(("/job/far/1/", "far #1"), (Text(run, "url"), Text(run, "fullDisplayName")));
        Assert.False(busy.GetProperty("idle").GetBoolean());

        // When the engine is killed, then it is offline, saying why, and its executors are free once the build failed
        await engine.KillAsync();
        var offline = await NodeAsync(http, n => n.GetProperty("offline").GetBoolean() && n.GetProperty("idle").GetBoolean(), timeoutSeconds: 90);
        Assert.StartsWith($"Cannot contact {NodeConfig.Name}: the Docker engine at {engine.Endpoint} does not answer", Text(offline, "offlineCauseReason"), StringComparison.Ordinal);
        Assert.Equal("hudson.slaves.OfflineCause$ChannelTermination", Text(offline.GetProperty("offlineCause"), "_class"));
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        JsonElement build;
        while ((build = await http.GetFromJsonAsync<JsonElement>("job/far/1/api/json", Token)).GetProperty("building").GetBoolean())
        {
            Assert.True(TimeProvider.System.GetUtcNow() < deadline, "the build did not end within 60 s of the node's loss");
            await Task.Delay(200, Token);
        }

        Assert.Equal("FAILURE", Text(build, "result"));

        // When it is back, then the next check finds it online
        await engine.RestartAsync();
        var back = await NodeAsync(http, n => !n.GetProperty("offline").GetBoolean(), timeoutSeconds: 60);
        Assert.Equal("", Text(back, "offlineCauseReason"));
        Assert.Equal(JsonValueKind.Null, back.GetProperty("offlineCause").ValueKind);
    }

    /// <summary>The engine's entry of <c>/computer/api/json?depth=1</c> once it satisfies <paramref name="done"/>, asked every 200 ms.</summary>
    private static async Task<JsonElement> NodeAsync(HttpClient http, Func<JsonElement, bool> done, int timeoutSeconds = 30)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(timeoutSeconds);
        while (true)
        {
            var set = await http.GetFromJsonAsync<JsonElement>("computer/api/json?depth=1", Token);
            var node = set.GetProperty("computer").EnumerateArray().Single(c => Text(c, "displayName") == NodeConfig.Name);
            if (done(node))
            {
                return node;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"the node did not reach the expected state in {timeoutSeconds} s: {node}");
            await Task.Delay(200, Token);
        }
    }

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();

    public void Dispose()
    {
        try
        {
            Directory.Delete(_home, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
