using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContainerCd.Server.Hosting;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>
/// Jenkins' <c>/computer/api/json</c> and <c>/computer/NAME/api/json</c> against a real server: the built-in node's
/// executors are the build queue's, an engine of the config that does not answer is offline with the reason.
/// </summary>
public sealed class NodesApiTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ComputerApi_BuildRunning_BuiltInNodeShowsItOnAnExecutorThenIdleAgain()
    {
        // Given a server with 3 executors and a build that runs until released
        await using var server = await TestServer.StartAsync(executors: 3, jobs: "slow");
        var release = new TaskCompletionSource();
        server.Executor.Add("slow", Scripts.UntilReleased(release.Task));
        var number = await server.TriggerAsync("slow");

        // When the nodes are asked while it runs
        var busy = await WaitForAsync(server, "computer/api/json?depth=1", set => set.GetProperty("busyExecutors").GetInt32() == 1);

        // Then the built-in node is the only one, with 3 executors, one running the build
        Assert.Equal(("hudson.model.ComputerSet", "Nodes", 3), (Text(busy, "_class"), Text(busy, "displayName"), busy.GetProperty("totalExecutors").GetInt32()));
        var builtIn = Assert.Single(busy.GetProperty("computer").EnumerateArray());
        Assert.Equal(("hudson.model.Hudson$MasterComputer", "Built-In Node", 3, false, false), (Text(builtIn, "_class"), Text(builtIn, "displayName"),
            builtIn.GetProperty("numExecutors").GetInt32(), builtIn.GetProperty("idle").GetBoolean(), builtIn.GetProperty("offline").GetBoolean()));
        var running = builtIn.GetProperty("executors").EnumerateArray().Where(e => !e.GetProperty("idle").GetBoolean()).ToList();
        var run = Assert.Single(running).GetProperty("currentExecutable");
        Assert.Equal(($"/job/slow/{number}/", number, $"slow #{number}"), (Text(run, "url"), run.GetProperty("number").GetInt32(), Text(run, "fullDisplayName")));
        Assert.Equal(-1, Assert.Single(running).GetProperty("progress").GetInt32());
        var one = await server.Http.GetFromJsonAsync<JsonElement>("computer/(built-in)/api/json?depth=1", Token);
        Assert.Equal(run.GetRawText(), one.GetProperty("executors").EnumerateArray().Single(e => !e.GetProperty("idle").GetBoolean()).GetProperty("currentExecutable").GetRawText());

        // And once it ends, every executor is idle
        release.SetResult();
        await server.WaitFinishedAsync("slow", number);
        var idle = await WaitForAsync(server, "computer/api/json?depth=1", set => set.GetProperty("busyExecutors").GetInt32() == 0);
        Assert.All(idle.GetProperty("computer")[0].GetProperty("executors").EnumerateArray(), e => Assert.Equal(JsonValueKind.Null, e.GetProperty("currentExecutable").ValueKind));
    }

    [Fact]
    public async Task ComputerApi_EngineThatDoesNotAnswer_IsOfflineWithTheReasonItsLabelsAndEndpoint()
    {
        // Given a server whose config names an engine at a port where nothing answers, besides one of its own
        var silent = NodeSeams.Silent();
        await using var nodes = new NodeSeams(NodeSeams.Engine("far-1", silent, 2, "linux", "fast"));
        await using var server = await TestServer.StartAsync(new ServeSettings("http://127.0.0.1:0", TestServer.NewHome(), null, 2) { NodeCheckInterval = TimeSpan.FromSeconds(1) },
            null, ServerSeams.Default with { Nodes = nodes.Nodes });

        // When the nodes are asked after its first health check
        var set = await WaitForAsync(server, "computer/api/json", s => s.GetProperty("computer")[1].GetProperty("offline").GetBoolean());

        // Then it is listed offline, saying why, with its labels and its name, its endpoint and its executors (not counted)
        var far = set.GetProperty("computer")[1];
        Assert.Equal(("hudson.slaves.SlaveComputer", "far-1", silent, 2), (Text(far, "_class"), Text(far, "displayName"), Text(far, "description"), far.GetProperty("numExecutors").GetInt32()));
        Assert.StartsWith($"Cannot contact far-1: the Docker engine at {silent} does not answer (", Text(far, "offlineCauseReason"), StringComparison.Ordinal);
        Assert.Equal("hudson.slaves.OfflineCause$ChannelTermination", Text(far.GetProperty("offlineCause"), "_class"));
        Assert.Equal(["linux", "fast", "far-1"], far.GetProperty("assignedLabels").EnumerateArray().Select(l => Text(l, "name")));
        Assert.Equal(2, set.GetProperty("totalExecutors").GetInt32());
        Assert.False(far.GetProperty("monitorData").TryGetProperty("hudson.node_monitors.ResponseTimeMonitor", out _), "an engine that never answered has no answer time");
        var one = await server.Http.GetFromJsonAsync<JsonElement>("computer/far-1/api/json", Token);
        Assert.Equal(Text(far, "offlineCauseReason"), Text(one, "offlineCauseReason"));
    }

    [Fact]
    public async Task Serve_ConfigNamingAnEngine_ListsItOnTheNodesApi()
    {
        // Given the real containercd serve with a config naming an engine that does not answer
        var folder = Directory.CreateTempSubdirectory("containercd-nodes-serve-").FullName;
        try
        {
            var silent = NodeSeams.Silent();
            var config = Path.Combine(folder, "containercd.yml");
            await File.WriteAllTextAsync(config, $"engines:\n  - {{ name: far-2, docker: '{silent}', labels: [gpu], executors: 3 }}\n", Token);
            using var serve = CliProcess.Start(folder, "serve", "--urls", "http://127.0.0.1:0", "--home", Path.Combine(folder, "home"), "--config", config);
            await serve.WaitForOutputAsync("listening on ");
            var listening = serve.Stdout.Split('\n').First(l => l.Contains("listening on ", StringComparison.Ordinal));
            var address = listening[(listening.IndexOf("listening on ", StringComparison.Ordinal) + "listening on ".Length)..].Split(' ')[0];
            using var http = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/") };

            // When its nodes are asked, then the engine is there, offline with the reason, after the built-in node
            var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
            JsonElement far;
            while (true)
            {
                far = (await http.GetFromJsonAsync<JsonElement>("computer/api/json", Token)).GetProperty("computer")[1];
                if (far.GetProperty("offline").GetBoolean() || TimeProvider.System.GetUtcNow() > deadline)
                {
                    break;
                }

                await Task.Delay(100, Token);
            }

            Assert.Equal(("far-2", silent, 3), (Text(far, "displayName"), Text(far, "description"), far.GetProperty("numExecutors").GetInt32()));
            Assert.StartsWith($"Cannot contact far-2: the Docker engine at {silent} does not answer", Text(far, "offlineCauseReason"), StringComparison.Ordinal);
            Assert.Equal(["gpu", "far-2"], far.GetProperty("assignedLabels").EnumerateArray().Select(l => Text(l, "name")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ComputerApi_TreeAndDepth_AreReadAsJenkinsReadsThem()
    {
        await using var server = await TestServer.StartAsync(executors: 2);

        var tree = await server.Http.GetStringAsync("computer/api/json?tree=computer[displayName,offline,executors[idle,number]]", Token);
        var shallow = await server.Http.GetFromJsonAsync<JsonElement>("computer/(built-in)/api/json", Token);
        using var badTree = await server.Http.GetAsync("computer/api/json?tree=computer[displayName", Token);
        using var badDepth = await server.Http.GetAsync("computer/api/json?depth=deep", Token);

        Assert.Equal("""{"_class":"hudson.model.ComputerSet","computer":[{"_class":"hudson.model.Hudson$MasterComputer","displayName":"Built-In Node","executors":[{"_class":"hudson.model.Executor","idle":true,"number":0},{"_class":"hudson.model.Executor","idle":true,"number":1}],"offline":false}]}""", tree);
        Assert.Equal("""[{"_class":"hudson.model.Executor"},{"_class":"hudson.model.Executor"}]""", shallow.GetProperty("executors").GetRawText());
        Assert.Equal(HttpStatusCode.BadRequest, badTree.StatusCode);
        Assert.Contains("tree 'computer[displayName', column 21: ']' expected at the end", await badTree.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badDepth.StatusCode);
        Assert.Contains("depth 'deep' is not a depth", await badDepth.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComputerApi_UnknownNode_Is404NamingIt()
    {
        await using var server = await TestServer.StartAsync();

        using var response = await server.Http.GetAsync("computer/nowhere/api/json", Token);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No such node: 'nowhere'.", await response.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComputerApi_ServerWithAToken_NeedsItButTheNodesPageDoesNot()
    {
        await using var server = await TestServer.StartAsync(token: "s3cret");
        using var anonymous = new HttpClient { BaseAddress = new Uri(server.BaseUrl + "/") };

        using var withoutToken = await anonymous.GetAsync("computer/api/json", Token);
        using var oneWithoutToken = await anonymous.GetAsync("computer/(built-in)/api/json", Token);
        using var withToken = await server.Http.GetAsync("computer/api/json", Token);
        using var page = await anonymous.GetAsync("computer/", Token);

        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oneWithoutToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("nodes.js", await page.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    /// <summary>Asks <paramref name="path"/> until its answer satisfies <paramref name="done"/> (at most 30 s).</summary>
    internal static async Task<JsonElement> WaitForAsync(TestServer server, string path, Func<JsonElement, bool> done)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            var answer = await server.Http.GetFromJsonAsync<JsonElement>(path, Token);
            if (done(answer))
            {
                return answer;
            }

            Assert.True(TimeProvider.System.GetUtcNow() < deadline, $"{path} did not reach the expected state in 30 s: {answer}");
            await Task.Delay(100, Token);
        }
    }

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();
}
