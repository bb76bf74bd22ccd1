using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ContainerCd.Server.Tests.Support;

namespace ContainerCd.Server.Tests;

/// <summary>
/// The bar: a client written outside this repository with npm's @microsoft/signalr, taken verbatim from
/// docs/hub.md, follows a running build and gets every stage event and a log identical to consoleText.
/// </summary>
public sealed partial class ExternalClientTests
{
    [Fact]
    public async Task DocumentedNodeClient_FollowsRunningBuild_GetsEveryStageEventAndTheExactLog()
    {
        // Given the documented client in a temporary folder, with @microsoft/signalr from npm
        var folder = Path.Combine(Path.GetTempPath(), "containercd-external-client", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "package.json"), """{ "private": true, "type": "module", "dependencies": { "@microsoft/signalr": "10.0.0" } }""");
        await File.WriteAllTextAsync(Path.Combine(folder, "follow.mjs"), DocumentedClient());
        var install = await RunAsync("npm", "install --no-audit --no-fund --loglevel=error", folder, TimeSpan.FromMinutes(3));
        Assert.True(install.ExitCode == 0, "npm install failed: " + install.Error);

        await using var server = await TestServer.StartRealAsync(("app", Jenkinsfiles.Pipeline(pause: 0.1)));
        var number = await server.TriggerAsync("app");

        // When it follows the running build
        var client = await RunAsync("node", $"follow.mjs {server.BaseUrl} app/{number}", folder, TimeSpan.FromMinutes(1));

        // Then it saw every event in order, every stage event, and the exact log
        Assert.True(client.ExitCode == 0, "the client failed: " + client.Error);
        var received = client.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var sequences = received.SelectMany(e => Range(e.GetProperty("sequence").GetInt64(), e.TryGetProperty("lastSequence", out var l) ? l.GetInt64() : e.GetProperty("sequence").GetInt64())).ToList();
        Assert.Equal(Enumerable.Range(1, sequences.Count).Select(i => (long)i), sequences);
        var journal = await server.Http.GetFromJsonAsync<JsonElement>($"api/jobs/app/builds/{number}/events", TestContext.Current.CancellationToken);
        var stageEvents = journal.EnumerateArray().Where(e => e.GetProperty("type").GetString()!.StartsWith("Stage", StringComparison.Ordinal))
            .Select(e => (e.GetProperty("type").GetString(), e.GetProperty("data").GetProperty("sequence").GetInt64(), e.GetProperty("data").GetProperty("stageId").GetString())).ToList();
        var receivedStages = received.Where(e => e.GetProperty("method").GetString()!.StartsWith("Stage", StringComparison.Ordinal))
            .Select(e => (e.GetProperty("method").GetString(), e.GetProperty("sequence").GetInt64(), e.GetProperty("stageId").GetString())).ToList();
        Assert.True(stageEvents.Count >= 12, $"{stageEvents.Count} stage events");
        Assert.Equal(stageEvents, receivedStages);
        var console = await server.Http.GetByteArrayAsync($"job/app/{number}/consoleText", TestContext.Current.CancellationToken);
        Assert.Equal(console, await File.ReadAllBytesAsync(Path.Combine(folder, "log.txt"), TestContext.Current.CancellationToken));
        Directory.Delete(folder, recursive: true);
    }

    private static IEnumerable<long> Range(long first, long last)
    {
        for (var s = first; s <= last; s++)
        {
            yield return s;
        }
    }

    private static string DocumentedClient()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "ContainerCd.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("ContainerCd.sln not found above the test binaries");
        }

        var doc = File.ReadAllText(Path.Combine(root.FullName, "docs", "hub.md"));
        return JsBlock().Match(doc).Groups[1].Value;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, string arguments, string folder, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {arguments} did not finish in {timeout}");
        }

        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex("```js\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsBlock();
}
