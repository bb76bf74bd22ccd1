using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ContainerCd.Runtime.Tests.TestReports;
using ContainerCd.Server.Hosting;
using ContainerCd.Server.Tests.Support;
using Microsoft.Playwright;

namespace ContainerCd.Server.Tests;

/// <summary>
/// Test reports' benchmarks (BENCHMARKS.md, "Test reports"): junit on generated reports of 100,000 and 400,000
/// cases through a real server (time of the step, peak memory), and the Tests tab of the 100,000-case build in
/// Chromium. They measure and report, never assert a speed; they run only with CONTAINERCD_BENCH=1 (bench/tests.sh)
/// and write artifacts/bench/tests.md.
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class TestReportBenchmarks(ITestOutputHelper output)
{
    private const string Jenkinsfile = """
        pipeline {
          agent any
          stages {
            stage('Test') {
              steps {
                script {
                  def s = junit 'big.xml'
                  echo "recorded ${s.totalCount} cases, ${s.failCount} failed"
                }
              }
            }
          }
        }
        """;

    [Fact]
    public async Task Junit_100000And400000Cases_TimeAndPeakMemory_ThenTestsTabInViewport()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("CONTAINERCD_BENCH") == "1", "benchmark: run bench/tests.sh (CONTAINERCD_BENCH=1)");
        var lines = new List<string>();
        var first = 0;
        var home = TestServer.NewHome();
        foreach (var cases in new[] { 100_000, 400_000 })
        {
            var job = $"big{cases / 1000}k";
            var folder = Path.Combine(home, "jobs", job);
            Directory.CreateDirectory(folder);
            GeneratedReport.Write(Path.Combine(folder, "big.xml"), cases, failEvery: 100);
            lines.Add($"generated report: {cases:N0} cases (1 in 100 failing with a stack trace), {new FileInfo(Path.Combine(folder, "big.xml")).Length / 1024 / 1024} MiB");
        }

        await using (var server = await TestServer.StartRealAsync(ServerSeams.Default, home, 1, ("big100k", Jenkinsfile), ("big400k", Jenkinsfile)))
        {
            foreach (var job in new[] { "big100k", "big400k" })
            {
                GC.Collect();
                File.WriteAllText("/proc/self/clear_refs", "5"); // resets VmHWM: the peak is this build's
                var baseline = PeakRssMiB();
                var clock = Stopwatch.StartNew();
                var number = await server.TriggerAsync(job);
                var build = await server.WaitFinishedAsync(job, number, timeoutSeconds: 600);
                var total = clock.Elapsed;
                var junit = build.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "junit");
                var log = await server.Http.GetStringAsync($"job/{job}/{number}/consoleText");
                lines.Add($"{job}: junit step {junit.GetProperty("durationMillis").GetInt64()} ms (reading the file twice, publishing 1000-case events, the server storing them in SQLite as they come); " +
                    $"build {total.TotalMilliseconds:F0} ms in all (load average {LoadAverage()}); peak RSS of the process (server + engine) {PeakRssMiB()} MiB, {baseline} MiB before the build; " +
                    $"{(log.Contains("recorded ", StringComparison.Ordinal) ? log.Split("recorded ")[1].Split('\n')[0] : "no summary")}");
                if (job == "big100k")
                {
                    first = number;
                }
            }

            lines.Add(await TestsTabAsync(server, "big100k", first));
        }

        Report(lines);
    }

    /// <summary>
    /// From the start of the navigation to the first animation frame in which the first failing case's row is in the
    /// viewport (its box inside the window and <c>elementFromPoint</c> at its middle inside it), 5 loads; then in the
    /// same page the list scrolled to its end and filtered (until the rows in view are there), and the tab's requests.
    /// </summary>
    private static async Task<string> TestsTabAsync(TestServer server, string job, int number)
    {
        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var times = new List<string>();
        for (var load = 0; load < 5; load++)
        {
            var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
            var requests = new List<string>();
            page.Request += (_, request) => requests.Add(request.Url);
            await page.AddInitScriptAsync("""
                (() => {
                  const watch = window.__rowWatch = { at: null, rows: 0 };
                  const frame = () => {
                    const row = document.querySelector("[data-testid=tests] .test[data-status=FAILED]");
                    if (row) {
                      const r = row.getBoundingClientRect();
                      const inWindow = r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
                      const hit = inWindow ? document.elementFromPoint(r.left + 40, r.top + r.height / 2) : null;
                      if (hit !== null && row.contains(hit)) {
                        watch.at = performance.now();
                        watch.rows = document.querySelectorAll("[data-testid=tests] .test, [data-testid=tests] .group").length;
                        return;
                      }
                    }
                    requestAnimationFrame(frame);
                  };
                  requestAnimationFrame(frame);
                })();
                """);
            var load1 = LoadAverage();
            var (firstMs, firstBytes) = await TimedGetAsync(server, $"api/jobs/{job}/builds/{number}/tests?status=all&from=0&count=100&layout=true");
            var (lastMs, lastBytes) = await TimedGetAsync(server, $"api/jobs/{job}/builds/{number}/tests?status=all&from=99900&count=100");
            var (filterMs, _) = await TimedGetAsync(server, $"api/jobs/{job}/builds/{number}/tests?status=all&q=Suite999%20&from=0&count=100&layout=true");
            await page.GotoAsync($"{server.BaseUrl}/job/{job}/{number}/testReport");
            await page.WaitForFunctionAsync("() => window.__rowWatch.at !== null", null, new() { Timeout = 60_000 });
            var watch = await page.EvaluateAsync<JsonElement>("() => window.__rowWatch");
            var timing = await page.EvaluateAsync<JsonElement>("""
                () => {
                  const nav = performance.getEntriesByType("navigation")[0];
                  const api = performance.getEntriesByType("resource").find(r => r.name.includes("/tests?"));
                  return { html: nav.responseEnd, ready: nav.domContentLoadedEventEnd, apiStart: api.startTime, apiEnd: api.responseEnd };
                }
                """);
            var opened = requests.Count(r => r.Contains("/tests?", StringComparison.Ordinal));
            var scrolled = await page.EvaluateAsync<double>("""
                async () => {
                  const box = document.querySelector("[data-testid=tests]");
                  const t0 = performance.now();
                  box.scrollTop = box.scrollHeight;
                  await new Promise(done => { const f = () => box.hasAttribute("data-complete") && box.querySelector(".test[data-name=test99998]") ? done() : requestAnimationFrame(f); requestAnimationFrame(f); });
                  return performance.now() - t0;
                }
                """);
            var filtered = await page.EvaluateAsync<double>("""
                async () => {
                  const box = document.querySelector("[data-testid=tests]");
                  const filter = document.querySelector("[data-testid=tests-filter]");
                  const t0 = performance.now();
                  filter.value = "Suite999 ";
                  filter.dispatchEvent(new Event("input"));
                  await new Promise(done => { const f = () => box.getAttribute("data-matched") === "100" && box.hasAttribute("data-complete") ? done() : requestAnimationFrame(f); requestAnimationFrame(f); });
                  return performance.now() - t0;
                }
                """);
            var tabRequests = requests.Where(r => r.Contains("/tests?", StringComparison.Ordinal)).ToList();
            times.Add($"**{watch.GetProperty("at").GetDouble():F0} ms** ({watch.GetProperty("rows").GetInt32()} rows in the DOM, {opened} request(s) for cases, load average {load1}; " +
                $"index.html at {timing.GetProperty("html").GetDouble():F0} ms, its scripts run at {timing.GetProperty("ready").GetDouble():F0} ms, " +
                $"the first page asked at {timing.GetProperty("apiStart").GetDouble():F0} ms and received at {timing.GetProperty("apiEnd").GetDouble():F0} ms); " +
                $"scrolled to the end (last case in view) in {scrolled:F0} ms, filtered (150 ms typing pause included) in {filtered:F0} ms; {tabRequests.Count} requests for cases in all, " +
                $"at most {tabRequests.Max(r => int.Parse(r.Split("count=")[1].Split('&')[0], CultureInfo.InvariantCulture))} cases each " +
                $"(API alone: first page with the layout {firstMs:F0} ms / {firstBytes / 1024} KiB, last page {lastMs:F0} ms / {lastBytes / 1024} KiB, filtered first page {filterMs:F0} ms)");
            if (load == 4)
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Browser.ScreenshotPath("tests-tab-100k.png") });
            }

            await page.CloseAsync();
        }

        return $"Tests tab of the 100,000-case build, start of navigation to the first failure's row in the viewport (headless Chromium, 1280x800): {string.Join("; ", times)}";
    }

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static async Task<(double Millis, int Bytes)> TimedGetAsync(TestServer server, string path)
    {
        var clock = Stopwatch.StartNew();
        var bytes = await server.Http.GetByteArrayAsync(path);
        return (clock.Elapsed.TotalMilliseconds, bytes.Length);
    }

    private void Report(List<string> lines)
    {
        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ContainerCd.sln")))
            {
                var folder = Path.Combine(dir.FullName, "artifacts", "bench");
                Directory.CreateDirectory(folder);
                File.WriteAllLines(Path.Combine(folder, "tests.md"), lines.Select(l => "- " + l));
                return;
            }
        }
    }

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
}
