using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ContainerCd.Server.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace ContainerCd.Server.Tests;

/// <summary>
/// The server's benchmarks (BENCHMARKS.md): they measure and report, never assert a speed. They run only
/// with CONTAINERCD_BENCH=1 (bench/server.sh) and write artifacts/bench/server.md.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class ServerBenchmarks(ITestOutputHelper output)
{
    private static readonly ConcurrentDictionary<string, string> Results = new();

    [Fact]
    public async Task Latency_StepLineToSignalRClient()
    {
        RequireBench();
        await using var server = await TestServer.StartAsync(jobs: "latency");
        const int lines = 500;
        server.Executor.Add("latency", b => b.StageAsync("Lines", async id =>
        {
            for (var i = 0; i < lines; i++)
            {
                b.Log(id, $"t={Stopwatch.GetTimestamp()}\n");
                await b.DelayAsync(10);
            }
        }));
        var latencies = new ConcurrentQueue<double>();
        await using var hub = server.Hub();
        var recorder = new HubRecorder(hub, (method, message) =>
        {
            if (method == "Log")
            {
                var now = Stopwatch.GetTimestamp();
                foreach (var line in message.GetProperty("text").GetString()!.Split('\n'))
                {
                    if (line.StartsWith("t=", StringComparison.Ordinal))
                    {
                        latencies.Enqueue(Stopwatch.GetElapsedTime(long.Parse(line[2..], CultureInfo.InvariantCulture), now).TotalMilliseconds);
                    }
                }
            }

            return Task.CompletedTask;
        });
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("SubscribeJob", "latency");
        await server.TriggerAsync("latency");
        await recorder.Finished.WaitAsync(TimeSpan.FromMinutes(2));

        var sorted = latencies.Order().ToList();
        Report("latency", $"step line -> SignalR .NET client on loopback, {sorted.Count} lines 10 ms apart: p50 {P(sorted, 0.50):F2} ms, p95 {P(sorted, 0.95):F2} ms, p99 {P(sorted, 0.99):F2} ms, max {sorted[^1]:F2} ms");
        Assert.Equal(lines, sorted.Count);
    }

    [Fact]
    public async Task Latency_RealEngine_ShStepLineToSignalRClient()
    {
        RequireBench();
        const int lines = 300;
        await using var server = await TestServer.StartRealAsync(("latency", $$"""
            pipeline {
              agent any
              stages {
                stage('Lines') {
                  steps { sh 'for i in $(seq 1 {{lines}}); do echo "t=$(date +%s%N)"; sleep 0.02; done' }
                }
              }
            }
            """));
        var latencies = new ConcurrentQueue<double>();
        await using var hub = server.Hub();
        var recorder = new HubRecorder(hub, (method, message) =>
        {
            if (method == "Log")
            {
                var nowNs = (TimeProvider.System.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
                foreach (var line in message.GetProperty("text").GetString()!.Split('\n'))
                {
                    if (line.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(line[2..], CultureInfo.InvariantCulture, out var writtenNs))
                    {
                        latencies.Enqueue((nowNs - writtenNs) / 1e6);
                    }
                }
            }

            return Task.CompletedTask;
        });
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("SubscribeJob", "latency");
        await server.TriggerAsync("latency");
        await recorder.Finished.WaitAsync(TimeSpan.FromMinutes(2));

        var sorted = latencies.Order().ToList();
        Report("latency-engine", $"real engine: `echo` in an `sh` step (its `date +%s%N`) -> SignalR .NET client, {sorted.Count} lines 20 ms apart: p50 {P(sorted, 0.50):F2} ms, p95 {P(sorted, 0.95):F2} ms, p99 {P(sorted, 0.99):F2} ms, max {sorted[^1]:F2} ms");
        Assert.Equal(lines, sorted.Count);
    }

    [Fact]
    public async Task Concurrent_RealEngine_20BuildsOf1MB_AllLinesInOrder()
    {
        RequireBench();
        var filler = new string('x', 80);
        await using var server = await TestServer.StartRealAsync(executors: 20, jobs: ("load", $$"""
            pipeline {
              agent any
              stages {
                stage('Output') {
                  steps { sh 'seq -f "%010g {{filler}}" 1 11000' }
                }
              }
            }
            """));
        var (identical, gaps, resyncs, elapsed, bytes, baseline) = await RunConcurrentAsync(server, "load");
        Report("concurrent-engine", $"real engine: 20 concurrent builds each `sh 'seq ...'` printing {bytes / 20 / 1024} KiB ({bytes / 1024 / 1024} MiB in all) to one SignalR client: {identical}/20 logs identical to consoleText, {gaps} sequence gaps, {resyncs} resyncs, {elapsed.TotalSeconds:F1} s; peak RSS of the process (server + engine + client) {PeakRssMiB()} MiB (before the builds: {baseline} MiB)");
        Assert.Equal(20, identical);
    }

    [Fact]
    public async Task Concurrent_20BuildsOf1MB_AllLinesInOrder()
    {
        RequireBench();
        var settings = new Hosting.ServeSettings("http://127.0.0.1:0", TestServer.NewHome(), Executors: 20);
        await using var server = await TestServer.StartAsync(settings, null, "load");
        server.Executor.Add("load", Scripts.Chatty(10_000, lineLength: 100));
        var (identical, gaps, resyncs, elapsed, bytes, baseline) = await RunConcurrentAsync(server, "load");
        Report("concurrent", $"20 concurrent builds x {bytes / 20 / 1024} KiB of log ({bytes / 1024 / 1024} MiB in all) to one SignalR client: {identical}/20 logs identical to consoleText, {gaps} sequence gaps, {resyncs} resyncs, {elapsed.TotalSeconds:F1} s; peak RSS of the process (server + client) {PeakRssMiB()} MiB (before the builds: {baseline} MiB)");
        Assert.Equal(20, identical);
    }

    [Fact]
    public async Task Chromium_100MBLog_TailInViewport()
    {
        RequireBench();
        const int stayMs = 3_000;
        const int loads = 5;
        await using var server = await TestServer.StartAsync(jobs: "huge");
        server.Executor.Add("huge", Scripts.Chatty(1_000_000, lineLength: 113));
        var number = await server.TriggerAsync("huge");
        var build = await server.WaitFinishedAsync("huge", number, timeoutSeconds: 600);
        var size = build.GetProperty("build").GetProperty("logSize").GetInt64();
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var runs = new List<string>();
        for (var run = 0; run < loads; run++)
        {
            // A new page per load; the watch runs in the page from the start of the navigation (performance.now()).
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
            var ranges = new ConcurrentQueue<string>();
            page.Request += (_, request) =>
            {
                if (request.Url.Contains("/log?start=", StringComparison.Ordinal))
                {
                    ranges.Enqueue(new Uri(request.Url).Query.Split('&')[0].Split('=')[1]);
                }
            };
            await LogViewport.InstallTailWatchAsync(page, "Finished: SUCCESS", stayMs);
            await page.GotoAsync($"{server.BaseUrl}/job/huge/{number}/");
            var watch = await LogViewport.ReadTailWatchAsync(page);
            var followed = await page.IsCheckedAsync(".logbar input[type=checkbox]");
            runs.Add($"{watch.VisibleAtMs:F0} ms" + (watch.Hidden == 0
                ? $" (stayed in view: {watch.Frames} frames"
                : $" (LEFT the view {watch.FirstHiddenAfterMs:F0} ms later, out of view in {watch.Hidden} of {watch.Frames} frames") +
                $"; Follow {(followed ? "checked" : "unchecked")}; ranges loaded from byte {string.Join(", ", ranges)})");
            if (run == loads - 1)
            {
                // Scrolling: jump to the middle and wait for real lines there.
                var scroll = Stopwatch.StartNew();
                await page.EvaluateAsync("() => { const l = document.querySelector('[data-testid=log]'); l.scrollTop = l.scrollHeight / 2; }");
                await page.Locator("[data-testid=log] .line", new() { HasTextString = "000050" }).First.WaitForAsync(new() { Timeout = 30_000 });
                var lines = await page.Locator("[data-testid=log] .line").CountAsync();
                Report("bigscroll", $"jump to the middle of the 100 MB log: lines there in {scroll.Elapsed.TotalMilliseconds:F0} ms; {lines} line elements in the DOM");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("big-log-middle.png") });
            }

            await page.CloseAsync();
        }

        Report("biglog", $"{size / 1024 / 1024} MiB log, start of navigation to the first frame with its last line in the viewport (headless Chromium, 1280x800), then watched for {stayMs} ms: {string.Join("; ", runs)}");
    }

    private static async Task<(int Identical, int Gaps, int Resyncs, TimeSpan Elapsed, long Bytes, long Baseline)> RunConcurrentAsync(TestServer server, string job)
    {
        var texts = new ConcurrentDictionary<string, StringBuilder>();
        var next = new ConcurrentDictionary<string, long>();
        var finished = new ConcurrentDictionary<string, bool>();
        var resyncs = 0;
        var gaps = 0;
        var done = new TaskCompletionSource();
        await using var hub = server.Hub();
        foreach (var method in new[] { "BuildStarted", "StageStarted", "StageFinished", "StepStarted", "StepFinished", "Log", "TestReport", "InputRequested", "InputAnswered", "BuildFinished" })
        {
            hub.On<JsonElement>(method, m =>
            {
                var id = m.GetProperty("buildId").GetString()!;
                var seq = m.GetProperty("sequence").GetInt64();
                if (seq != next.GetOrAdd(id, 1))
                {
                    Interlocked.Increment(ref gaps);
                }

                next[id] = (method == "Log" ? m.GetProperty("lastSequence").GetInt64() : seq) + 1;
                if (method == "Log")
                {
                    texts.GetOrAdd(id, _ => new StringBuilder()).Append(m.GetProperty("text").GetString());
                }

                if (method == "BuildFinished" && finished.TryAdd(id, true) && finished.Count == 20)
                {
                    done.TrySetResult();
                }
            });
        }

        hub.On<JsonElement>("Resync", m =>
        {
            Interlocked.Increment(ref resyncs);
            _ = hub.InvokeAsync<JsonElement>("SubscribeBuild", m.GetProperty("buildId").GetString(), m.GetProperty("fromSequence").GetInt64());
        });
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("SubscribeJob", job);
        GC.Collect();
        File.WriteAllText("/proc/self/clear_refs", "5"); // resets VmHWM: the peak is this run's
        var baseline = PeakRssMiB();
        var clock = Stopwatch.StartNew();
        var numbers = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            numbers.Add(await server.TriggerAsync(job));
        }

        await done.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var elapsed = clock.Elapsed;
        var identical = 0;
        long bytes = 0;
        foreach (var number in numbers)
        {
            var console = await server.Http.GetStringAsync($"job/{job}/{number}/consoleText");
            bytes += Encoding.UTF8.GetByteCount(console);
            identical += texts.TryGetValue($"{job}/{number}", out var text) && text.ToString() == console ? 1 : 0;
        }

        return (identical, gaps, resyncs, elapsed, bytes, baseline);
    }

    private void Report(string key, string line)
    {
        Results[key] = line;
        output.WriteLine(line);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContainerCd.sln")))
            {
                var folder = Path.Combine(dir.FullName, "artifacts", "bench");
                Directory.CreateDirectory(folder);
                File.WriteAllLines(Path.Combine(folder, "server.md"), Results.OrderBy(r => r.Key).Select(r => "- " + r.Value));
                return;
            }
        }
    }

    private static double P(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];

    private static long PeakRssMiB()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
            }
        }

        return -1;
    }

    private static void RequireBench() =>
        Assert.SkipUnless(Environment.GetEnvironmentVariable("CONTAINERCD_BENCH") == "1", "benchmark: run bench/server.sh (CONTAINERCD_BENCH=1)");
}
